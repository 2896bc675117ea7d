package ingest

import (
	"sort"

	"github.com/moocreport/moocreport/report"
)

// reasonSharedUsername is the data-quality reason for a username that a
// profile export lists under two or more user ids.
const reasonSharedUsername = "username listed under two user ids: records naming it are not linked"

// addUsername records that username u belongs to user id, first listed
// in file. A username listed under two user ids is ambiguous: which
// learner a survey response or log event naming it belongs to cannot be
// told, so it links neither (it is removed from the map every reader
// links by) and is counted, once, as a skip of the file where the second
// user id appeared.
func (c *Course) addUsername(u, id, file string) {
	if c.sharedNames[u] {
		return
	}
	prev, ok := c.users[u]
	if !ok || prev == id {
		c.users[u] = id
		return
	}
	delete(c.users, u)
	if c.sharedNames == nil {
		c.sharedNames = map[string]bool{}
		c.sharedIn = map[string]int{}
	}
	c.sharedNames[u] = true
	c.sharedIn[file]++
}

// usernameSkips returns, per profile file, how many usernames it listed
// under a second user id.
func (c *Course) usernameSkips() []report.Skip {
	var out []report.Skip
	for file, n := range c.sharedIn {
		out = append(out, report.Skip{File: file, Reason: reasonSharedUsername, Count: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}
