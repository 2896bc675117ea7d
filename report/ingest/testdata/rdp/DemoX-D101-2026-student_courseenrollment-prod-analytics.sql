id	user_id	course_id	created	is_active	mode
1	11	course-v1:DemoX+D101+2026	2026-02-20 10:00:00	1	audit
2	12	course-v1:DemoX+D101+2026	2026-02-21 11:30:00.123456	1	verified
3	13	course-v1:DemoX+D101+2026	2026-03-05 09:00:00	0	audit
4	14	course-v1:OtherX+O1+2026	2026-02-01 00:00:00	1	audit
5	15	course-v1:DemoX+D101+2026	NULL	1	honor
