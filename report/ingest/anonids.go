package ingest

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// anonIDColumns are the columns of an anonymized-id export that hold an
// anonymized id: edX's instructor dashboard writes the first two
// ("User ID", "Anonymized User ID", "Course Specific Anonymized User ID");
// the others are the names the research data package and LTI tools use.
var anonIDColumns = []string{"Anonymized User ID", "Course Specific Anonymized User ID", "anonymous_user_id", "anonymized_user_id"}

// ReadAnonymousIDs reads an anonymized-id export (docs/formats.md,
// edx-anonymous-ids) into course c's map from anonymized id to edX user id,
// which links surveys whose id column holds such ids (id_type: anonymous).
// Each row maps every anonymized column present (both of edX's kinds: the
// platform-wide and the course-specific id) to the row's numeric "User ID";
// a file keyed by username instead ("username" column) is mapped through the
// profile. Ids are compared without regard to case. The map is personal data
// and never leaves ingest.
func ReadAnonymousIDs(r io.Reader, file string, c *Course) error {
	t := newTable(r, file, c.Limits, ',')
	if err := t.readHeader(); err != nil {
		return err
	}
	var anon []int
	for _, name := range anonIDColumns {
		if i, err := t.column(name); err == nil {
			anon = append(anon, i)
		}
	}
	if len(anon) == 0 {
		return &ParseError{File: file, Line: 1, Err: fmt.Errorf("want an anonymized id column (%s): %w", strings.Join(anonIDColumns, ", "), ErrMissingColumn)}
	}
	idCol, byUsername := -1, false
	if i, err := t.column("User ID"); err == nil {
		idCol = i
	} else if i, err := t.column("user_id"); err == nil {
		idCol = i
	} else if i, err := t.column("username"); err == nil {
		idCol, byUsername = i, true
	} else {
		return &ParseError{File: file, Line: 1, Err: errors.New(`want a "User ID" (or user_id, or username) column: ` + ErrMissingColumn.Error())}
	}
	if c.anon == nil {
		c.anon = map[string]string{}
	}
	for rec, err := range t.rows() {
		if err != nil {
			return err
		}
		id := strings.TrimSpace(rec[idCol])
		if byUsername {
			if id, _ = c.UserID(id); id == "" {
				continue // not a learner of the profile: nothing to link to
			}
		} else if id, err = t.userID(rec, idCol); err != nil {
			return err
		}
		for _, i := range anon {
			if a := strings.ToLower(strings.TrimSpace(rec[i])); a != "" {
				c.anon[a] = id
			}
		}
	}
	return nil
}
