package listentest

import (
	"net"
	"testing"
	"time"
)

func TestCounting(t *testing.T) {
	addr, accepted := Counting(t)
	if n := accepted(); n != 0 {
		t.Fatalf("accepted %d before any dial", n)
	}
	for range 2 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
	}
	deadline := time.Now().Add(5 * time.Second)
	for accepted() != 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := accepted(); n != 2 {
		t.Errorf("accepted %d, want 2", n)
	}
}
