package ingest

import (
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/detect"
	"github.com/moocreport/moocreport/report/study"
)

// The edX research data package's LMS tables (TSV files or MySQL dumps)
// and the course blocks API's course structure. The enrolments come first
// of all sources, as they filter auth_userprofile; the user profiles with
// the instructor report's; the certificates after the grade reports they
// complete; studentmodule with the logs; the course structure last, as it
// overrides the chapter count the logs or studentmodule gave.
func init() {
	register(rdpFormat("edx-rdp-enrollment", detect.RDPTable, 10, (*loader).readRDPEnrollmentFile))
	register(rdpFormat("edx-rdp-userprofile", detect.RDPTable, 30, (*loader).readRDPUserProfileFile))
	register(rdpFormat("edx-rdp-certificates", detect.RDPTable, 70, (*loader).readRDPCertificatesFile))
	register(rdpFormat("edx-rdp-studentmodule", detect.RDPTable, 100, (*loader).readRDPStudentModuleFile))
	register(rdpFormat("edx-course-blocks", detect.CourseBlocks, 110, (*loader).readCourseBlocksFile))
}

// rdpFormat is a course source format whose every file read reads.
func rdpFormat(name string, family detect.Family, order int, read func(l *loader, c *Course, key, name string, r io.Reader) error) Format {
	return Format{Name: name, Kind: detect.Source, Detect: family, order: order,
		read: func(l *loader, c *Course, key string, _ study.Source, files []string) {
			l.eachFile(files, func(name string, r io.Reader) error { return read(l, c, key, name, r) })
		}}
}

// readRDPEnrollmentFile reads one enrolment table: every user once per course, across files.
func (l *loader) readRDPEnrollmentFile(c *Course, key, name string, r io.Reader) error {
	en, skips, err := readRDPEnrollment(r, name, c)
	if err != nil {
		return err
	}
	l.ds.Skips = append(l.ds.Skips, skips...)
	all := l.rdpEnrol[key]
	if all == nil {
		all = rdpEnrollments{}
		l.rdpEnrol[key] = all
	}
	for _, id := range slices.Sorted(maps.Keys(en)) {
		if _, dup := all[id]; dup {
			return &ParseError{File: name, Err: fmt.Errorf("%w: user %s is enrolled in %s in an earlier file too", ErrDuplicate, id, c.ID)}
		}
		all[id] = en[id]
	}
	return nil
}

// readRDPUserProfileFile reads one auth_userprofile table, filtered by the course's enrolments.
func (l *loader) readRDPUserProfileFile(c *Course, key, name string, r io.Reader) error {
	ls, skips, err := readRDPUserProfile(r, name, c, l.rdpEnrol[key])
	if err != nil {
		return err
	}
	l.ds.Learners = append(l.ds.Learners, ls...)
	l.ds.Skips = append(l.ds.Skips, skips...)
	return nil
}

// readRDPCertificatesFile reads one certificate table, kept until applyRDP merges it into the grades.
func (l *loader) readRDPCertificatesFile(c *Course, key, name string, r io.Reader) error {
	certs, skips, err := readRDPCertificates(r, name, c)
	if err != nil {
		return err
	}
	l.certs[key] = append(l.certs[key], certs...)
	l.ds.Skips = append(l.ds.Skips, skips...)
	return nil
}

// readRDPStudentModuleFile reads one courseware_studentmodule table: reach, problems and chapters.
func (l *loader) readRDPStudentModuleFile(c *Course, key, name string, r io.Reader) error {
	sm, err := readRDPStudentModule(r, name, c)
	if err != nil {
		return err
	}
	l.ds.Reach = append(l.ds.Reach, sm.Reach...)
	l.ds.Problems = append(l.ds.Problems, sm.Problems...)
	l.ds.Skips = append(l.ds.Skips, sm.Skips...)
	if sm.Chapters > 0 {
		if l.ds.Chapters == nil {
			l.ds.Chapters = map[string]int{}
		}
		l.ds.Chapters[key] = max(l.ds.Chapters[key], sm.Chapters)
	}
	return nil
}

// readCourseBlocksFile reads one course structure, whose chapter count
// overrides the one seen in use and whose outline names the problems.
func (l *loader) readCourseBlocksFile(c *Course, key, name string, r io.Reader) error {
	cs, skips, err := readCourseBlocks(r, name, c)
	if err != nil {
		return err
	}
	l.ds.Skips = append(l.ds.Skips, skips...)
	if l.ds.Chapters == nil {
		l.ds.Chapters = map[string]int{}
	}
	// The structure overrides the chapters seen in use (it is read
	// after them); study validation allows one structure per course.
	l.ds.Chapters[key] = cs.Chapters
	if l.ds.Outline == nil {
		l.ds.Outline = map[string][]report.OutlineBlock{}
	}
	l.ds.Outline[key] = cs.Outline
	return nil
}
