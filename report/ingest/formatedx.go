package ingest

import (
	"io"

	"github.com/moocreport/moocreport/report/detect"
	"github.com/moocreport/moocreport/report/study"
)

// The edX instructor dashboard's CSV reports. The learner profile comes
// early, after the research data package's enrolments that filter it,
// because its username → user id map links the grades, the logs and the
// surveys read after it; the anonymized-id CSV next, for the same reason.
func init() {
	register(Format{Name: "edx-profile", Kind: detect.Source, Detect: detect.EdXReport, order: 20, byCourse: true,
		read: func(l *loader, c *Course, _ string, _ study.Source, files []string) {
			l.eachFile(files, func(name string, r io.Reader) error {
				ls, err := ReadProfile(r, name, c)
				l.ds.Learners = append(l.ds.Learners, ls...)
				return err
			})
		}})
	register(Format{Name: "edx-anonymous-ids", Kind: detect.Source, order: 40,
		read: func(l *loader, c *Course, _ string, _ study.Source, files []string) {
			l.eachFile(files, func(name string, r io.Reader) error { return ReadAnonymousIDs(r, name, c) })
		}})
	register(Format{Name: "edx-grades", Kind: detect.Source, Detect: detect.EdXReport, order: 50, byCourse: true,
		read: func(l *loader, c *Course, _ string, _ study.Source, files []string) {
			l.eachFile(files, func(name string, r io.Reader) error {
				gs, cols, err := readGrades(r, name, c)
				l.ds.Grades = append(l.ds.Grades, gs...)
				l.assessmentOrder(c.Key, cols)
				return err
			})
		}})
	register(Format{Name: "edx-problem-grades", Kind: detect.Source, Detect: detect.EdXReport, order: 60,
		read: func(l *loader, c *Course, key string, _ study.Source, files []string) {
			acc := l.problemGrades[key]
			if acc == nil {
				acc = newProblemAttempts()
				l.problemGrades[key] = acc
			}
			l.eachFile(files, func(name string, r io.Reader) error { return readProblemGrades(r, name, c, acc) })
		}})
}
