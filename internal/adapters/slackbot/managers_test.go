package slackbot

import "testing"

func TestMayManage(t *testing.T) {
	everyone := &Adapter{cfg: Config{}}
	listed := &Adapter{cfg: Config{Managers: []string{"U1", "U2"}}}
	tests := []struct {
		a    *Adapter
		user string
		want bool
	}{
		{everyone, "U9", true},
		{listed, "U2", true},
		{listed, "U9", false},
		{listed, "", false},
	}
	for _, tt := range tests {
		if got := tt.a.mayManage(tt.user); got != tt.want {
			t.Errorf("mayManage(%q) with managers %v = %v, want %v", tt.user, tt.a.cfg.Managers, got, tt.want)
		}
	}
}
