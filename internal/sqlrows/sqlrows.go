// Package sqlrows is what the SQLite and PostgreSQL stores share in reading
// query results, whatever their driver (database/sql or pgx): one loop over
// the rows instead of one per query and per store. It imports only the
// standard library.
package sqlrows

// Rows is the part of a driver's result set Collect reads: *sql.Rows and
// pgx.Rows both have it.
type Rows interface {
	Next() bool
	Err() error
}

// Collect appends to dst the value scan reads from each row of rows, in
// order, and returns it; it stops at the first error of scan, or returns
// rows.Err() after the last row. scan reads the current row (it closes over
// rows). The caller closes rows. Pass an empty non-nil dst for a non-nil
// result when there are no rows.
func Collect[T any](dst []T, rows Rows, scan func() (T, error)) ([]T, error) {
	for rows.Next() {
		v, err := scan()
		if err != nil {
			return nil, err
		}
		dst = append(dst, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return dst, nil
}
