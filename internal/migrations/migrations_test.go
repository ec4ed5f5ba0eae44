package migrations

import (
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
