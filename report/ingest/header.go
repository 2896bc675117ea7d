package ingest

import (
	"errors"
	"fmt"
)

// colIndex is a table's header row: its column names and where each is.
// Columns are found by name, never by position, so a reordered or
// extended export still reads correctly. The CSV exports' table and the
// research data package's rdpTable share it.
type colIndex struct {
	header []string
	cols   map[string]int // header name → first index
}

// setHeader takes names (copied) as the columns.
func (h *colIndex) setHeader(names []string) {
	h.header = append([]string(nil), names...)
	h.cols = make(map[string]int, len(names))
	for i, name := range h.header {
		if _, ok := h.cols[name]; !ok {
			h.cols[name] = i
		}
	}
}

// find returns the indexes of the named columns (0 for a missing one),
// with an error joining missing(name) for every missing one, so the user
// fixes the header in one go.
func (h *colIndex) find(names []string, missing func(name string) error) ([]int, error) {
	idx := make([]int, len(names))
	var errs []error
	for i, name := range names {
		j, ok := h.cols[name]
		if !ok {
			errs = append(errs, missing(name))
		}
		idx[i] = j
	}
	return idx, errors.Join(errs...)
}

// errUserID is the complaint about a user id column's value got (quoted,
// or NULL): every edX export links a learner by a numeric user id.
func errUserID(got string) error {
	return fmt.Errorf("want a numeric edX user id, got %s", got)
}
