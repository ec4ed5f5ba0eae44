package schedulertest

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// Post is one reply a Publisher accepted.
type Post struct {
	Channel digest.Channel
	Reply   digest.Reply
	Key     string
	At      time.Time // by the Publisher's Clock, zero without one
}

// Publisher is a recording digest.Publisher. It is safe for concurrent use.
type Publisher struct {
	// Func, when set, runs first on every call; an error it returns fails
	// the call and nothing is posted. n counts calls from 1.
	Func func(ctx context.Context, n int, ch digest.Channel, r digest.Reply, key string) error
	// DedupeKeys makes a repeated key a successful no-op, as a platform
	// that honours idempotency keys (a Discord nonce) would.
	DedupeKeys bool
	// Clock stamps posts; may be nil.
	Clock interface{ Now() time.Time }

	mu    sync.Mutex
	calls int
	keys  []string // every call's key, in order
	posts []Post
}

var _ digest.Publisher = (*Publisher)(nil)

// Publish records r as posted to ch, unless Func fails it or DedupeKeys
// drops it.
func (p *Publisher) Publish(ctx context.Context, ch digest.Channel, r digest.Reply, key string) error {
	p.mu.Lock()
	p.calls++
	n := p.calls
	p.keys = append(p.keys, key)
	p.mu.Unlock()
	if p.Func != nil {
		if err := p.Func(ctx, n, ch, r, key); err != nil {
			return err
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.DedupeKeys {
		for _, q := range p.posts {
			if q.Key == key {
				return nil
			}
		}
	}
	post := Post{Channel: ch, Reply: r, Key: key}
	if p.Clock != nil {
		post.At = p.Clock.Now()
	}
	p.posts = append(p.posts, post)
	return nil
}

// Posts returns the replies posted so far, in order.
func (p *Publisher) Posts() []Post {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.posts)
}

// Keys returns the key of every Publish call so far, failed ones included.
func (p *Publisher) Keys() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.keys)
}

// Finder is a Publisher that also implements digest.PostFinder, as a
// platform whose channel history can be searched by key: Posted is true
// when the embedded Publisher holds a post of key to the channel. It is
// safe for concurrent use.
type Finder struct {
	*Publisher
	// Func, when set, runs first on every Posted call; an error it returns
	// fails the call. n counts calls from 1.
	Func func(ctx context.Context, n int, ch digest.Channel, key string) error

	mu    sync.Mutex
	calls int
}

var _ digest.PostFinder = (*Finder)(nil)

// Posted reports whether a post of key to ch was accepted, unless Func
// fails the call.
func (f *Finder) Posted(ctx context.Context, ch digest.Channel, key string) (bool, error) {
	f.mu.Lock()
	f.calls++
	n := f.calls
	f.mu.Unlock()
	if f.Func != nil {
		if err := f.Func(ctx, n, ch, key); err != nil {
			return false, err
		}
	}
	for _, p := range f.Posts() {
		if p.Key == key && p.Channel == ch {
			return true, nil
		}
	}
	return false, nil
}

// Calls returns how many times Posted was called.
func (f *Finder) Calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}
