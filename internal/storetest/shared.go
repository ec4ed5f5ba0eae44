package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// ClaimRunAcrossStores checks that two Stores opened on the same database
// (two processes' worth of connections) let exactly one of 16 concurrent
// callers claim each day's run of one schedule, and that the claim counts
// as one attempt.
func ClaimRunAcrossStores(t *testing.T, a, b digest.Store) {
	t.Helper()
	ctx := context.Background()
	sc := digest.Schedule{Platform: "slack", ChannelID: "C1", Topics: []string{"x"}, TimeZone: "UTC", MaxStories: 3}
	if err := a.PutSchedule(ctx, &sc); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 3, 14, 8, 0, 0, 0, time.UTC)
	for day := range 5 {
		date := fmt.Sprintf("2025-03-%02d", 10+day)
		if got := raceClaimRun(t, sc.ID, date, now, a, b); len(got) != 1 {
			t.Errorf("%s: %d winners, want 1", date, len(got))
		}
		if done, attempts, err := a.RunState(ctx, sc.ID, date); err != nil || done || attempts != 1 {
			t.Errorf("%s: RunState = %v, %d, %v; want open, 1 attempt", date, done, attempts, err)
		}
	}
}
