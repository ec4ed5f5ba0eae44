package backoff

import (
	"testing"
	"time"
)

func TestExponential(t *testing.T) {
	tests := []struct {
		name      string
		base, max time.Duration
		n         int
		want      time.Duration
	}{
		{"first failure", time.Minute, time.Hour, 1, time.Minute},
		{"no failure yet", time.Minute, time.Hour, 0, time.Minute},
		{"doubles", time.Minute, time.Hour, 3, 4 * time.Minute},
		{"capped", time.Minute, 30 * time.Minute, 6, 30 * time.Minute},
		{"many failures stay capped", time.Second, time.Minute, 1000, time.Minute},
		{"max below base", time.Minute, time.Second, 3, time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Exponential(tt.base, tt.max, tt.n); got != tt.want {
				t.Errorf("Exponential(%v, %v, %d) = %v, want %v", tt.base, tt.max, tt.n, got, tt.want)
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, v string
		want    time.Duration
	}{
		{"absent", "", 0},
		{"seconds", " 120 ", 2 * time.Minute},
		{"zero", "0", 0},
		{"negative", "-5", 0},
		{"http date", "Wed, 02 Dec 2026 12:05:00 GMT", 5 * time.Minute},
		{"past date", "Wed, 02 Dec 2026 11:00:00 GMT", 0},
		{"garbage", "soon", 0},
		{"huge", "99999999999999999", time.Duration(maxSeconds) * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RetryAfter(tt.v, now); got != tt.want {
				t.Errorf("RetryAfter(%q) = %v, want %v", tt.v, got, tt.want)
			}
		})
	}
}
