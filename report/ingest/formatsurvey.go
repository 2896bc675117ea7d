package ingest

import "github.com/moocreport/moocreport/report/detect"

// Survey exports: Qualtrics, LimeSurvey, and any one-header-row CSV. They
// are read after every course source, as linking a response to a learner
// needs the course's ids.
func init() {
	register(Format{Name: "qualtrics", Kind: detect.Survey, Detect: detect.SurveyExport, readSurvey: ReadQualtrics})
	register(Format{Name: "limesurvey", Kind: detect.Survey, Detect: detect.SurveyExport, readSurvey: ReadLimeSurvey})
	register(Format{Name: "csv", Kind: detect.Survey, Detect: detect.SurveyExport, readSurvey: ReadCSVSurvey})
}
