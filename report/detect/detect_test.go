package detect

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// realdata is ../shared/realdata beside the repository; a missing folder
// fails the test rather than skipping it, so the check cannot quietly stop.
func realdata(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "realdata")
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("conformance data missing: %v", err)
	}
	return dir
}

// TestRealData classifies every file of ../shared/realdata and checks
// each against what it is (from the folders' SOURCE.md): every export is
// recognised, and only the documentation is not.
func TestRealData(t *testing.T) {
	got, err := Dir(realdata(t))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"openedx-analytics-pipeline/SOURCE.md":                                          "",
		"openedx-analytics-pipeline/course_blocks.json":                                 "edx-course-blocks",
		"openedx-analytics-pipeline/course_structure/course1.json":                      "edx-course-blocks",
		"openedx-analytics-pipeline/course_structure/course2.json":                      "edx-course-blocks",
		"openedx-analytics-pipeline/course_structure/course3.json":                      "edx-course-blocks",
		"openedx-analytics-pipeline/course_structure/course4.json":                      "edx-course-blocks",
		"openedx-analytics-pipeline/enrollment_trends_tracking.log":                     "edx-tracking",
		"openedx-analytics-pipeline/load_auth_userprofile.sql":                          "edx-rdp-userprofile",
		"openedx-analytics-pipeline/load_certificates_generatedcertificate.sql":         "edx-rdp-certificates",
		"openedx-analytics-pipeline/load_courseware_studentmodule.sql":                  "edx-rdp-studentmodule",
		"openedx-analytics-pipeline/load_grades_persistentcoursegrade.sql":              "grades_persistentcoursegrade",
		"openedx-analytics-pipeline/load_student_courseenrollment.sql":                  "edx-rdp-enrollment",
		"openedx-analytics-pipeline/location_by_course_tracking.log":                    "edx-tracking",
		"openedx-analytics-pipeline/module_engagement_acceptance_tracking_20150413.log": "edx-tracking",
		"openedx-analytics-pipeline/module_engagement_acceptance_tracking_20150416.log": "edx-tracking",
		"openedx-analytics-pipeline/obfuscation_tracking.log":                           "edx-tracking",
		"openedx-analytics-pipeline/problem_response_tracking.log":                      "edx-tracking",
		"openedx-analytics-pipeline/student_engagement_acceptance_tracking.log":         "edx-tracking",
		"openedx-analytics-pipeline/student_forum_activity.log":                         "edx-tracking",
		"openedx-analytics-pipeline/video_timeline.log":                                 "edx-tracking",
		"oulad/SOURCE.md":                       "",
		"qualtrics-QualtricsTools/SOURCE.md":    "",
		"qualtrics-qualtRics/SOURCE.md":         "",
		"qualtrics-qualtRics/sample.csv":        "qualtrics 3-row",
		"qualtrics-qualtRics/sample_legacy.csv": "qualtrics legacy 2-row",
	}
	for _, name := range []string{"assessments", "courses", "studentAssessment", "studentInfo", "studentRegistration", "studentVle", "vle"} {
		want["oulad/"+name+".csv"] = "oulad"
	}
	seen := map[string]bool{}
	for _, r := range got {
		seen[r.Path] = true
		w, ok := want[r.Path]
		if !ok {
			// The QualtricsTools folders: each survey's .qsf definition and
			// its exports in the default (three header rows), Insights and
			// legacy (V1…Vn) layouts.
			switch {
			case strings.HasPrefix(r.Path, "qualtrics-QualtricsTools/") && strings.HasSuffix(r.Path, ".qsf"):
				w = "qsf"
			case strings.HasSuffix(r.Path, "(Legacy).csv"), isLegacyName(r.Path):
				w = "qualtrics legacy 2-row"
			case strings.HasPrefix(r.Path, "qualtrics-QualtricsTools/") && strings.HasSuffix(r.Path, ".csv"):
				w = "qualtrics"
			default:
				t.Errorf("%s: unexpected file (%s)", r.Path, r.Format)
				continue
			}
		}
		gotW := r.Format
		if r.Format == "qualtrics" && strings.Contains(w, " ") {
			gotW += " " + r.Layout
		}
		if gotW != w {
			t.Errorf("%s: got %q (%s%s), want %q", r.Path, gotW, r.Saw, r.Why, w)
		}
		if w == "" && r.Why == "" {
			t.Errorf("%s: not recognised, but no reason given", r.Path)
		}
		if r.Format == "oulad" && r.Folder != "oulad" {
			t.Errorf("%s: folder %q, want oulad", r.Path, r.Folder)
		}
	}
	for p := range want {
		if !seen[p] {
			t.Errorf("%s: not classified", p)
		}
	}
	if len(got) != 71 {
		t.Errorf("%d files classified, want the 71 of realdata", len(got))
	}
}

// isLegacyName: QualtricsTools' default-named exports whose first row is
// V1…Vn (checked by hand: head -1 of each).
func isLegacyName(p string) bool {
	for _, n := range []string{"Many Different Question Types/Sample_Survey.csv", "Multiple Answer Matrix Questions/Multiple_Answer_Matrix_Questions.csv",
		"Multiple Answer Multiple Choices Questions/Multiple_Answer_MC_Questions.csv", "Single Answer Matrix Questions/Single_Answer_Matrix_Questions.csv",
		"Single Answer Multiple Choice Questions/Single_Answer_MC_Questions.csv", "Survey Logic/Survey_Logic_EVERYWHERE.csv"} {
		if strings.HasSuffix(p, n) {
			return true
		}
	}
	return false
}

// TestFile checks each family on small inputs, including the encodings
// and compressions exports come in.
func TestFile(t *testing.T) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	utf16 := func(s string) []byte {
		out := []byte{0xFF, 0xFE}
		for _, r := range s {
			out = append(out, byte(r), byte(r>>8))
		}
		return out
	}
	event := `{"username": "a", "time": "2026-03-02T10:00:00+00:00", "event_type": "/courses/course-v1:X+Y+Z/courseware/c/s/", "context": {}}` + "\n"
	qualtrics := "StartDate\tEndDate\tStatus\tIPAddress\tProgress\tFinished\tQ1\n" +
		"Start Date\tEnd Date\tResponse Type\tIP Address\tProgress\tFinished\tHow?\n" +
		"{\"ImportId\":\"startDate\"}\t{\"ImportId\":\"endDate\"}\t{\"ImportId\":\"status\"}\t{\"ImportId\":\"ipAddress\"}\t{\"ImportId\":\"progress\"}\t{\"ImportId\":\"finished\"}\t{\"ImportId\":\"QID1\"}\n"
	cases := []struct {
		name, file string
		content    []byte
		format     string
		courses    string
		why        string
	}{
		{"gzipped tracking log without a date suffix", "events", gz(event), "edx-tracking", "course-v1:X+Y+Z", ""},
		{"old-style course id in the URL path", "a.log", []byte(`{"time": "t", "event_type": "/courses/edX/DemoX/Demo/courseware/", "context": {}}` + "\n"), "edx-tracking", "edX/DemoX/Demo", ""},
		{"UTF-16 tab-separated Qualtrics export", "survey.txt", utf16(qualtrics), "qualtrics", "", ""},
		{"research data package TSV by its columns", "table.sql", []byte("id\tuser_id\tcourse_id\tcreated\tis_active\tmode\n1\t2\tcourse-v1:A+B+C\t2026-01-01 00:00:00\t1\taudit\n"), "edx-rdp-enrollment", "course-v1:A+B+C", ""},
		{"a profile renamed", "download (1).csv", []byte("id,username,name,email,year_of_birth,gender,level_of_education,enrollment_mode,verification_status,country\n1,a,A,a@x,1990,f,b,audit,N/A,SE\n"), "edx-profile", "", ""},
		{"a spreadsheet of something else", "budget.csv", []byte("item,cost\npaper,3\n"), "", "", "matches no known export"},
		{"binary", "photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "", "", "binary"},
		{"empty", "empty.csv", nil, "", "", "empty"},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, c.file)
			if err := os.WriteFile(p, c.content, 0o644); err != nil {
				t.Fatal(err)
			}
			r := File(p)
			if r.Format != c.format {
				t.Errorf("format %q (%s%s), want %q", r.Format, r.Saw, r.Why, c.format)
			}
			if got := strings.Join(r.CourseIDs, ","); got != c.courses {
				t.Errorf("course ids %q, want %q", got, c.courses)
			}
			if !strings.Contains(r.Why, c.why) {
				t.Errorf("why %q, want it to say %q", r.Why, c.why)
			}
		})
	}
}

// FuzzFile holds every family to never panicking on any input.
func FuzzFile(f *testing.F) {
	f.Add([]byte("StartDate,Finished\n"))
	f.Add([]byte(`{"time":"x","event_type":"/courses/a/b/c/"}`))
	f.Add([]byte("CREATE TABLE `auth_userprofile` (`id` int);"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := NewSample("fuzz", bytes.NewReader(b))
		if err != nil {
			return
		}
		classify(s)
	})
}
