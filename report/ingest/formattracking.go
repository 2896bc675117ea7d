package ingest

import (
	"github.com/moocreport/moocreport/report/detect"
	"github.com/moocreport/moocreport/report/study"
)

// edX tracking logs, and the tables `moocreport sql` computes from them
// in an SQL engine, read in place of the logs. They come after the
// profiles and grades whose user ids they link to.
func init() {
	register(Format{Name: trackingFormat, Kind: detect.Source, Detect: detect.TrackingLog, order: 80, read: (*loader).trackingSource})
	register(Format{Name: "edx-activity", Kind: detect.Source, order: 90,
		read: func(l *loader, c *Course, key string, src study.Source, files []string) {
			l.activity(c, key, src, files)
		}})
}

// trackingFormat is the format of edX tracking logs.
const trackingFormat = "edx-tracking"

// trackingSource reads one course's tracking-log source, or takes what
// reading it ahead gave (see trackPrefetch).
func (l *loader) trackingSource(c *Course, key string, src study.Source, names []string) {
	if len(names) == 0 {
		return
	}
	for _, name := range names {
		l.inputs[name] = true
	}
	tr, err, ok := l.prefetch.take(key, src, names)
	if !ok {
		tr, err = l.readTracking(c, names, l.trackingOptions(c, src))
	}
	if err != nil {
		l.errs = append(l.errs, err)
		return
	}
	l.tracking(c, key, src.Path, names, tr)
}

// trackingOptions are the options reading a tracking source of c takes.
func (l *loader) trackingOptions(c *Course, src study.Source) TrackingOptions {
	return TrackingOptions{SessionGap: src.SessionGap, ByUsername: src.LearnerID == "username", MaxBadLines: src.MaxBadLines,
		PageCourse: l.s.Activity.Preset == "insights", Meter: l.meter, MaxLine: int(c.Limits.Or().MaxLine)}
}
