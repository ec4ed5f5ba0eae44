package slackbot

import (
	"container/list"
	"sync"
	"time"
)

// seenSet remembers keys (event ids, publish keys) for a while, bounded both
// in size and in age. It is safe for concurrent use.
type seenSet struct {
	mu    sync.Mutex
	ttl   time.Duration
	limit int
	now   func() time.Time
	order *list.List // of seenEntry, oldest first
	index map[string]*list.Element
}

type seenEntry struct {
	key string
	at  time.Time
}

func newSeenSet(limit int, ttl time.Duration, now func() time.Time) *seenSet {
	return &seenSet{ttl: ttl, limit: limit, now: now, order: list.New(), index: make(map[string]*list.Element)}
}

// expire drops entries older than ttl and, beyond limit, the oldest ones.
// The caller holds mu.
func (s *seenSet) expire(now time.Time) {
	for e := s.order.Front(); e != nil; e = s.order.Front() {
		ent := e.Value.(seenEntry)
		if now.Sub(ent.at) < s.ttl && s.order.Len() <= s.limit {
			return
		}
		s.order.Remove(e)
		delete(s.index, ent.key)
	}
}

// Add records key and reports true, or reports false when key was already
// recorded and has not expired.
func (s *seenSet) Add(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.expire(now)
	if _, ok := s.index[key]; ok {
		return false
	}
	s.index[key] = s.order.PushBack(seenEntry{key: key, at: now})
	s.expire(now)
	return true
}

// Has reports whether key is recorded and has not expired.
func (s *seenSet) Has(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire(s.now())
	_, ok := s.index[key]
	return ok
}
