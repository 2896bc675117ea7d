package ingest

import (
	"maps"
	"slices"
	"sort"

	"github.com/moocreport/moocreport/report"
)

// applyRDP merges the research data package's enrolments into the
// course's learners and its certificates into the grades, course by
// course in study order.
//
// Enrolments: a learner of the profile (edx-profile or
// edx-rdp-userprofile) gets the enrolment's mode if the profile has none,
// and its creation time as Enrolled; an enrolled user no profile lists
// becomes a learner with unknown demographics, as the enrolment table is
// the roster. Certificates: a learner with a grade row (edx-grades) gets
// the certificate's delivered flag and type; one without gets a grade row
// from the certificate's own grade, or, lacking one, is counted as
// skipped.
func (l *loader) applyRDP(courses map[string]*Course) {
	for _, sc := range l.s.Courses {
		key, c := sc.Key, courses[sc.Key]
		en := l.rdpEnrol[key]
		byLearner := make(map[string]rdpEnrollment, len(en))
		if en != nil {
			ids := make([]string, 0, len(en))
			for id, e := range en {
				byLearner[c.pseudonym(id)] = e
				ids = append(ids, id)
			}
			sort.Strings(ids)
			for i := range l.ds.Learners {
				ln := &l.ds.Learners[i]
				if e, ok := byLearner[ln.ID]; ok && ln.Course == key {
					if ln.Mode == "" {
						ln.Mode = e.Mode
					}
					if ln.Enrolled.IsZero() {
						ln.Enrolled = e.Created
					}
				}
			}
			for _, id := range ids {
				if _, profiled := c.ids[id]; profiled {
					continue
				}
				e := en[id]
				l.ds.Learners = append(l.ds.Learners, report.Learner{ID: c.pseudonym(id), Course: key, Mode: e.Mode, Enrolled: e.Created})
			}
		}
		certs := l.certs[key]
		if len(certs) == 0 {
			continue
		}
		graded := map[string]int{}
		for i, g := range l.ds.Grades {
			if g.Course == key {
				graded[g.Learner] = i
			}
		}
		noGrade := map[string]int{}
		for _, rc := range certs {
			typ := "N/A"
			if rc.Delivered() {
				typ = rc.Mode
			}
			if i, ok := graded[rc.Learner]; ok {
				g := &l.ds.Grades[i]
				g.CertificateDelivered = rc.Delivered()
				g.CertificateEligible = g.CertificateEligible || rc.Eligible()
				g.CertificateType = typ
				continue
			}
			if !rc.HasGrade {
				noGrade[rc.File]++
				continue
			}
			track := rc.Mode
			if e, ok := byLearner[rc.Learner]; ok && e.Mode != "" {
				track = e.Mode
			}
			graded[rc.Learner] = len(l.ds.Grades)
			l.ds.Grades = append(l.ds.Grades, report.Grade{Learner: rc.Learner, Course: key, Grade: rc.Grade, Track: track,
				CertificateEligible: rc.Eligible(), CertificateDelivered: rc.Delivered(), CertificateType: typ})
		}
		for _, f := range slices.Sorted(maps.Keys(noGrade)) {
			l.ds.Skips = append(l.ds.Skips, report.Skip{File: f, Reason: "certificate without a grade, no grade report row", Count: noGrade[f]})
		}
	}
}
