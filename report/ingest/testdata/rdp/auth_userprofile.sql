-- MySQL dump 10.13  Distrib 5.7.44, for Linux (x86_64)
--
-- Host: localhost    Database: edxapp
/*!40101 SET NAMES utf8 */;

DROP TABLE IF EXISTS `auth_userprofile`;
CREATE TABLE `auth_userprofile` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `user_id` int(11) NOT NULL,
  `name` varchar(255) NOT NULL,
  `meta` longtext NOT NULL,
  `gender` varchar(6) DEFAULT NULL,
  `mailing_address` longtext,
  `year_of_birth` int(11) DEFAULT NULL,
  `level_of_education` varchar(6) DEFAULT NULL,
  `goals` longtext,
  `country` varchar(2) DEFAULT NULL COMMENT 'ISO (alpha-2), e.g. ''SE''',
  PRIMARY KEY (`id`),
  UNIQUE KEY `user_id` (`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

LOCK TABLES `auth_userprofile` WRITE;
/*!40000 ALTER TABLE `auth_userprofile` DISABLE KEYS */;
INSERT INTO `auth_userprofile` VALUES (1,11,'Åsa O\'Brien','{\"session_id\": \"x;y\"}','f','Storgatan 1\nStockholm',1990,'m','Learn; grow -- fast),(','SE'),(2,12,'Kwame Mensah','','m',NULL,NULL,'b',NULL,'GH'),
(3,13,'Li \"Lily\" Wei','','',NULL,1985,'p','','CN'),(4,14,'Not Enrolled','','o',NULL,2001,NULL,NULL,NULL);
/*!40000 ALTER TABLE `auth_userprofile` ENABLE KEYS */;
UNLOCK TABLES;
-- Dump completed
