package sqlgen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/moocreport/moocreport/report/study"
)

// ForStudy returns the options of every edx-tracking source of the
// study's courses (only course key's, when key is not ""), with the
// study's settings. Input and profile paths stay as study.yaml writes
// them, relative to its folder, where the SQL is to be run. Each source's
// tables go to out/<course key>, or out/<course key>-<n> for a course's
// n-th tracking source after the first. A non-empty input replaces the
// source's path and a non-empty profile the course's edx-profile paths
// (for engines that cannot read them where they are); each needs exactly
// one source.
func ForStudy(s *study.Study, engine, key, input, profile, out, format string) ([]Options, error) {
	var opts []Options
	found := false
	for _, c := range s.Courses {
		if key != "" && c.Key != key {
			continue
		}
		found = true
		var profiles []string
		for _, src := range c.Sources {
			if src.Format == "edx-profile" {
				profiles = append(profiles, src.Path)
			}
		}
		n := 0
		for _, src := range c.Sources {
			if src.Format != "edx-tracking" {
				continue
			}
			n++
			dir := strings.TrimSuffix(out, "/") + "/" + c.Key // not path.Join: it would fold gs:// to gs:/
			if n > 1 {
				dir += "-" + strconv.Itoa(n)
			}
			opts = append(opts, Options{Engine: engine, CourseKey: c.Key, CourseID: c.CourseID,
				WeekStart: s.Activity.WeekStart(c.Start.Time), Weeks: s.Activity.Weeks, TimeZone: s.Activity.TimeZone,
				SessionGap: src.SessionGap, ByUsername: src.LearnerID == "username",
				Preset: s.Activity.Preset, Exclude: s.Activity.Exclude,
				Input: src.Path, Profiles: profiles, Out: dir, Format: format})
		}
	}
	switch {
	case key != "" && !found:
		return nil, fmt.Errorf("%s: no course %q", s.File, key)
	case len(opts) == 0:
		return nil, fmt.Errorf("%s: no edx-tracking source to write SQL for", s.File)
	case (input != "" || profile != "") && len(opts) > 1:
		return nil, fmt.Errorf("-input and -profile replace one tracking source's paths, but %d are selected: name a course with -course", len(opts))
	}
	if input != "" {
		opts[0].Input = input
	}
	if profile != "" {
		opts[0].Profiles = []string{profile}
	}
	return opts, nil
}
