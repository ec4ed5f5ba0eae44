package sqlrows

import (
	"errors"
	"slices"
	"testing"
)

// fakeRows yields vals, then err.
type fakeRows struct {
	vals []int
	i    int
	err  error
}

func (r *fakeRows) Next() bool { r.i++; return r.i <= len(r.vals) }
func (r *fakeRows) Err() error { return r.err }
func (r *fakeRows) cur() int   { return r.vals[r.i-1] }

func TestCollect(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		rows    *fakeRows
		dst     []int
		scanErr int // scan fails on this value; 0 for never
		want    []int
		wantErr error
	}{
		{"rows in order", &fakeRows{vals: []int{3, 1, 2}}, nil, 0, []int{3, 1, 2}, nil},
		{"appends to dst", &fakeRows{vals: []int{5}}, []int{4}, 0, []int{4, 5}, nil},
		{"no rows keeps empty dst", &fakeRows{}, []int{}, 0, []int{}, nil},
		{"scan error", &fakeRows{vals: []int{1, 2, 3}}, nil, 2, nil, boom},
		{"rows error", &fakeRows{vals: []int{1}, err: boom}, nil, 0, nil, boom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Collect(tt.dst, tt.rows, func() (int, error) {
				if v := tt.rows.cur(); v == tt.scanErr {
					return 0, boom
				}
				return tt.rows.cur(), nil
			})
			if !errors.Is(err, tt.wantErr) || !slices.Equal(got, tt.want) || (tt.want != nil && got == nil) {
				t.Errorf("Collect = %v, %v; want %v, %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}
