id	user_id	download_url	grade	course_id	key	distinction	status	verify_uuid	download_uuid	name	created_date	modified_date	error_reason	mode
1	11		0.35	course-v1:DemoX+D101+2026		0	notpassing			Åsa O'Brien	2026-05-01 00:00:00	2026-05-01 00:00:00		audit
2	12	https://example.org/cert/abc	0.91	course-v1:DemoX+D101+2026	abc	0	downloadable	u1	d1	Kwame Mensah	2026-05-01 00:00:00	2026-05-02 00:00:00		verified
3	13			course-v1:DemoX+D101+2026		0	unavailable			Li Wei	2026-05-01 00:00:00	2026-05-01 00:00:00	no\tgrade\nyet	audit
4	14	https://example.org/cert/def	0.8	course-v1:OtherX+O1+2026	def	0	downloadable	u2	d2	Not Enrolled	2026-05-01 00:00:00	2026-05-01 00:00:00		audit
