package ingest

import (
	"testing"
	"time"
)

// TestLearnerIxKeepsIdsApart: an id has one index whether it comes as
// bytes from a line or as a string from the profile, numeric ids in
// canonical form or not ("7" and "007" are different ids, as they are
// different strings), and ids too long for the numeric way.
func TestLearnerIxKeepsIdsApart(t *testing.T) {
	c := &Course{Key: "k", ID: "course-v1:X+Y+Z", Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Salt: "s"}
	st := newTrackState(c, TrackingOptions{})
	ids := []string{"7", "007", "0", "2180780", "1234567890123456789", "abc", "", "18446744073709551615"}
	got := map[string]int32{}
	for _, id := range ids {
		got[id] = st.learnerIx([]byte(id))
	}
	seen := map[int32]string{}
	for _, id := range ids {
		if other, dup := seen[got[id]]; dup {
			t.Errorf("%q and %q share index %d", id, other, got[id])
		}
		seen[got[id]] = id
		if again := st.learnerIx([]byte(id)); again != got[id] {
			t.Errorf("%q: index %d, then %d", id, got[id], again)
		}
		if s := st.learnerIxString(id); s != got[id] {
			t.Errorf("%q: index %d from bytes, %d from the string", id, got[id], s)
		}
		if st.users[got[id]] != id {
			t.Errorf("index %d holds %q, want %q", got[id], st.users[got[id]], id)
		}
	}
	if len(st.users) != len(ids) {
		t.Errorf("%d learners for %d ids", len(st.users), len(ids))
	}
}
