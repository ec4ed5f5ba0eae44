package migrations

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		files   fstest.MapFS
		want    string
		wantErr string
	}{
		{"sorted by number", fstest.MapFS{
			"m/0010_later.sql": {Data: []byte("B")}, "m/0002_first.sql": {Data: []byte("A")},
		}, "2:A 10:B", ""},
		{"bad name", fstest.MapFS{"m/init.sql": {}}, "", "want NNNN_name.sql"},
		{"zero", fstest.MapFS{"m/0000_x.sql": {}}, "", "bad number"},
		{"duplicate", fstest.MapFS{"m/0001_a.sql": {}, "m/01_b.sql": {}}, "", "duplicate number"},
		{"missing dir", fstest.MapFS{}, "", "read migrations"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := Load(tt.files, "m")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, strings.TrimLeft(m.Name[:4], "0")+":"+m.SQL)
			}
			if strings.Join(got, " ") != tt.want {
				t.Fatalf("got %v, want %s", got, tt.want)
			}
		})
	}
}

func TestPending(t *testing.T) {
	ms := []Migration{{Version: 1, Name: "0001_a.sql"}, {Version: 2, Name: "0002_b.sql"}, {Version: 5, Name: "0005_c.sql"}}
	for _, tc := range []struct {
		current int
		want    []string
		err     bool
	}{
		{0, []string{"0001_a.sql", "0002_b.sql", "0005_c.sql"}, false},
		{2, []string{"0005_c.sql"}, false},
		{3, []string{"0005_c.sql"}, false},
		{5, nil, false},
		{6, nil, true},
	} {
		got, err := Pending(ms, tc.current)
		if (err != nil) != tc.err {
			t.Errorf("Pending(current %d) error %v, want error %v", tc.current, err, tc.err)
			continue
		}
		var names []string
		for _, m := range got {
			names = append(names, m.Name)
		}
		if !slices.Equal(names, tc.want) {
			t.Errorf("Pending(current %d) = %v, want %v", tc.current, names, tc.want)
		}
	}
}

// TestApply checks that Apply runs the pending migrations in order, stops
// at the first failure naming it, and refuses a newer database.
func TestApply(t *testing.T) {
	ms := []Migration{{Version: 1, Name: "0001_a.sql"}, {Version: 2, Name: "0002_b.sql"}, {Version: 3, Name: "0003_c.sql"}}
	var ran []string
	applied, err := Apply(ms, 1, func(m Migration) error {
		ran = append(ran, m.Name)
		return nil
	})
	if err != nil || !slices.Equal(applied, []string{"0002_b.sql", "0003_c.sql"}) || !slices.Equal(ran, applied) {
		t.Fatalf("Apply from 1 = %v, %v (ran %v)", applied, err, ran)
	}

	boom := errors.New("syntax error")
	ran = nil
	applied, err = Apply(ms, 0, func(m Migration) error {
		ran = append(ran, m.Name)
		if m.Version == 2 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || err.Error() != "migrate 0002_b.sql: syntax error" || applied != nil {
		t.Errorf("Apply with a failing migration = %v, %q", applied, err)
	}
	if !slices.Equal(ran, []string{"0001_a.sql", "0002_b.sql"}) {
		t.Errorf("ran %v, want it to stop at the failure", ran)
	}

	if _, err := Apply(ms, 4, func(Migration) error { t.Error("ran a migration on a newer database"); return nil }); err == nil {
		t.Error("Apply on a newer database: no error")
	}
}
