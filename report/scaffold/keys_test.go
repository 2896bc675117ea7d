package scaffold

import (
	"testing"
	"time"
)

// TestByDate names instruments by their responses' median date against
// a course starting on Monday 2 March 2026 and lasting 8 weeks.
func TestByDate(t *testing.T) {
	p := &Plan{Courses: []*Course{{Key: "c", Start: mustDate("2026-03-02"), Weeks: 8}}}
	for _, c := range []struct{ when, want string }{{"2026-02-20", "pre"}, {"2026-03-08", "pre"}, {"2026-03-09", "survey"}, {"2026-04-20", "post"}, {"2026-06-01", "post"}} {
		sv := &Survey{Course: "c", when: mustDate(c.when)}
		if got, saw := p.byDate(sv); got != c.want {
			t.Errorf("%s: %s (%s), want %s", c.when, got, saw, c.want)
		}
	}
}

func mustDate(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}
