package ingest

import (
	"github.com/moocreport/moocreport/report/detect"
	"github.com/moocreport/moocreport/report/study"
)

// edX tracking logs, and the tables `moocreport sql` computes from them
// in an SQL engine, read in place of the logs. They come after the
// profiles and grades whose user ids they link to.
func init() {
	register(Format{Name: "edx-tracking", Kind: detect.Source, Detect: detect.TrackingLog, order: 80, read: (*loader).trackingSource})
	register(Format{Name: "edx-activity", Kind: detect.Source, order: 90,
		read: func(l *loader, c *Course, key string, src study.Source, files []string) {
			l.activity(c, key, src, files)
		}})
}

// trackingSource reads one course's tracking-log source.
func (l *loader) trackingSource(c *Course, key string, src study.Source, names []string) {
	if len(names) == 0 {
		return
	}
	for _, name := range names {
		l.inputs[name] = true
	}
	opt := TrackingOptions{SessionGap: src.SessionGap, ByUsername: src.LearnerID == "username", MaxBadLines: src.MaxBadLines, PageCourse: l.s.Activity.Preset == "insights"}
	opt.Meter = l.meter
	opt.MaxLine = int(c.Limits.Or().MaxLine)
	tr, err := l.readTracking(c, names, opt)
	if err != nil {
		l.errs = append(l.errs, err)
		return
	}
	l.tracking(c, key, src.Path, names, tr)
}
