package lease

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestNewOwnerIsUniqueAndNamesTheProcess(t *testing.T) {
	a, b := NewOwner(), NewOwner()
	if a == b {
		t.Errorf("two owners are equal: %q", a)
	}
	if !strings.Contains(a, "-"+strconv.Itoa(os.Getpid())+"-") {
		t.Errorf("owner %q lacks the process id", a)
	}
}
