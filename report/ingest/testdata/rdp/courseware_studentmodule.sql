# A hand-written dump: an INSERT with a column list, one row per line.
CREATE TABLE `courseware_studentmodule` (`id` int(11) NOT NULL AUTO_INCREMENT, `module_type` varchar(32) NOT NULL DEFAULT 'problem', `module_id` varchar(255) NOT NULL, `student_id` int(11) NOT NULL, `state` longtext, `grade` double DEFAULT NULL, `created` datetime NOT NULL, `modified` datetime NOT NULL, `max_grade` double, `done` varchar(8) NOT NULL, `course_id` varchar(255) NOT NULL, PRIMARY KEY (`id`));
INSERT INTO `courseware_studentmodule` (`module_type`, `module_id`, `student_id`, `state`, `grade`, `course_id`) VALUES
('chapter', 'block-v1:DemoX+D101+2026+type@chapter+block@c1', 11, '{\"position\": 1}', NULL, 'course-v1:DemoX+D101+2026'),
('chapter', 'block-v1:DemoX+D101+2026+type@chapter+block@c2', 11, '{\"position\": 2}', NULL, 'course-v1:DemoX+D101+2026'),
('chapter', 'block-v1:DemoX+D101+2026+type@chapter+block@c1', 12, '{\"position\": 1}', NULL, 'course-v1:DemoX+D101+2026'),
('sequential', 'block-v1:DemoX+D101+2026+type@sequential+block@s1', 11, '{\"position\": 1}', NULL, 'course-v1:DemoX+D101+2026'),
('problem', 'block-v1:DemoX+D101+2026+type@problem+block@p1', 11, '{\"attempts\": 2, \"seed\": 1}', 1, 'course-v1:DemoX+D101+2026'),
('problem', 'block-v1:DemoX+D101+2026+type@problem+block@p1', 12, '{\"attempts\": 1, \"seed\": 4}', NULL, 'course-v1:DemoX+D101+2026'),
('problem', 'block-v1:DemoX+D101+2026+type@problem+block@p2', 12, '{\"seed\": 3}', NULL, 'course-v1:DemoX+D101+2026'),
('problem', 'block-v1:DemoX+D101+2026+type@problem+block@p2', 13, 'not json', NULL, 'course-v1:DemoX+D101+2026'),
('chapter', 'block-v1:OtherX+O1+2026+type@chapter+block@c1', 14, '{}', NULL, 'course-v1:OtherX+O1+2026');
