// Package logbuf is a log sink for tests: a buffer that a logger may write
// to from several goroutines while the test reads it.
package logbuf

import (
	"bytes"
	"sync"
)

// Buffer collects written bytes; it is safe for concurrent use. The zero
// value is ready to use.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns everything written so far.
func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
