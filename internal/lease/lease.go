// Package lease names this process in the leases and claims it takes in a
// shared store (feed polls, scheduled digest runs), so that several bot
// processes on one database can tell their claims apart. It imports only
// the standard library.
package lease

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
)

// NewOwner returns an owner id unique to this process:
// hostname-pid-random. A process makes one and uses it for all its claims.
func NewOwner() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "bot"
	}
	var b [4]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand panics instead)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}
