package migrations

import (
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
