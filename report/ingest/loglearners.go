package ingest

import (
	"sort"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// learnerSources are the formats that list a course's learners. A course
// with none of them takes its learners from its tracking logs.
var learnerSources = []string{"edx-profile", "edx-rdp-userprofile", "edx-rdp-enrollment", "oulad"}

// reasonNotInProfile is the data-quality reason for learners the tracking
// logs show but the course's learner list does not.
const reasonNotInProfile = "learners in the tracking logs but not in the learner list: their activity is counted, they are not counted as enrolled"

// logLearners collects, by course key, the pseudonyms of the learners a
// course's tracking logs show: anyone with an enrolment event, and anyone
// with any event of the course under a user id (an activity week or a
// chapter reached), and the tracking sources' paths, for skips.
type logLearners struct {
	seen    map[string]map[string]bool
	sources map[string][]string
}

// add records the learners one tracking source of course key gave.
func (g *logLearners) add(key, path string, tr *Tracking) {
	if g.seen == nil {
		g.seen, g.sources = map[string]map[string]bool{}, map[string][]string{}
	}
	m := g.seen[key]
	if m == nil {
		m = map[string]bool{}
		g.seen[key] = m
	}
	g.sources[key] = append(g.sources[key], path)
	for _, w := range tr.Weeks {
		m[w.Learner] = true
	}
	for _, r := range tr.Reach {
		m[r.Learner] = true
	}
	for id := range tr.Enrollments {
		m[id] = true
	}
}

// apply makes the logs' learners the learners of each course that has no
// learner source, and counts, for a course that has one, the learners the
// logs show beyond it. Enrolment dates are set afterwards, by
// applyEnrollments, as for listed learners.
func (g *logLearners) apply(s *study.Study, ds *report.Dataset) {
	listed := map[string]map[string]bool{}
	for _, ln := range ds.Learners {
		if listed[ln.Course] == nil {
			listed[ln.Course] = map[string]bool{}
		}
		listed[ln.Course][ln.ID] = true
	}
	for _, c := range s.Courses {
		seen := g.seen[c.Key]
		if len(seen) == 0 {
			continue
		}
		ids := make([]string, 0, len(seen))
		for id := range seen {
			if !listed[c.Key][id] {
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		if hasLearnerSource(c) {
			if len(ids) > 0 {
				ds.Skips = append(ds.Skips, report.Skip{File: strings.Join(g.sources[c.Key], ", "), Reason: reasonNotInProfile, Count: len(ids)})
			}
			continue
		}
		for _, id := range ids {
			ds.Learners = append(ds.Learners, report.Learner{ID: id, Course: c.Key})
		}
	}
}

func hasLearnerSource(c study.Course) bool {
	for _, src := range c.Sources {
		for _, f := range learnerSources {
			if src.Format == f {
				return true
			}
		}
	}
	return false
}
