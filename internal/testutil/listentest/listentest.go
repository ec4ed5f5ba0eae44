// Package listentest gives tests a loopback listener that counts the
// connections it accepts, to check that the code under test never reached
// an address it must refuse.
package listentest

import (
	"net"
	"sync/atomic"
	"testing"
)

// Counting listens on a free 127.0.0.1 port and, until the test ends,
// accepts every connection, counts it and closes it. It returns the
// listener's host:port and a function giving the count so far.
func Counting(tb testing.TB) (addr string, accepted func() int32) {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { l.Close() })
	var n atomic.Int32
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			c.Close()
		}
	}()
	return l.Addr().String(), n.Load
}
