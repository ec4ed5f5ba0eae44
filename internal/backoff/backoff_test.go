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
