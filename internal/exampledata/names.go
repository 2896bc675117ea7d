package exampledata

import "strings"

// country is one country of residence: its share of learners, which pool of
// names its learners draw from, their browser language, a point for the
// survey's approximate location, and a few cities.
type country struct {
	code     string
	weight   float64 // relative share of learners; the tail is deliberately tiny
	region   string  // key into namePools
	lang     string  // Accept-Language header
	lat, lon float64
	cities   string // comma-separated; empty for the tail
}

// countries is the residence distribution of both courses' learners,
// modelled on an engineering MOOC of a Nordic university: a few large
// countries and a long tail, where a weight below about 0.15 gives fewer
// than five learners in a course of 3,000 (so small-cell suppression has
// something to suppress).
var countries = []country{
	{"US", 14, "anglo", "en-US,en;q=0.9", 39.8, -98.6, "Detroit,San Jose,Austin,Boston,Seattle,Chicago"},
	{"IN", 13, "indian", "en-IN,en;q=0.9,hi;q=0.8", 21.1, 78.0, "Bengaluru,Pune,Chennai,Hyderabad,New Delhi,Mumbai"},
	{"SE", 6, "nordic", "sv-SE,sv;q=0.9,en;q=0.8", 62.2, 17.6, "Göteborg,Stockholm,Malmö,Uppsala,Linköping,Umeå"},
	{"DE", 4, "german", "de-DE,de;q=0.9,en;q=0.8", 51.2, 10.4, "München,Stuttgart,Berlin,Wolfsburg,Köln,Aachen"},
	{"GB", 4, "anglo", "en-GB,en;q=0.9", 54.0, -2.5, "London,Coventry,Manchester,Bristol,Leeds"},
	{"CN", 3.5, "chinese", "zh-CN,zh;q=0.9,en;q=0.8", 35.9, 104.2, "Shanghai,Beijing,Shenzhen,Hangzhou,Wuhan"},
	{"BR", 3, "lusophone", "pt-BR,pt;q=0.9,en;q=0.8", -14.2, -51.9, "São Paulo,Curitiba,Belo Horizonte,Campinas"},
	{"CA", 3, "anglo", "en-CA,en;q=0.9,fr;q=0.7", 56.1, -106.3, "Toronto,Montréal,Vancouver,Waterloo"},
	{"DK", 2.5, "nordic", "da-DK,da;q=0.9,en;q=0.8", 56.0, 10.0, "København,Aarhus,Odense,Aalborg"},
	{"ES", 2.5, "hispanic", "es-ES,es;q=0.9,en;q=0.7", 40.5, -3.7, "Madrid,Barcelona,Valencia,Sevilla,Bilbao"},
	{"MX", 2, "hispanic", "es-MX,es;q=0.9,en;q=0.7", 23.6, -102.6, "Ciudad de México,Monterrey,Guadalajara,Puebla"},
	{"NL", 2, "dutch", "nl-NL,nl;q=0.9,en;q=0.8", 52.1, 5.3, "Eindhoven,Delft,Amsterdam,Utrecht"},
	{"NO", 2, "nordic", "nb-NO,nb;q=0.9,en;q=0.8", 60.5, 8.5, "Oslo,Trondheim,Bergen,Stavanger"},
	{"FR", 2, "french", "fr-FR,fr;q=0.9,en;q=0.7", 46.2, 2.2, "Paris,Lyon,Toulouse,Grenoble"},
	{"IT", 2, "italian", "it-IT,it;q=0.9,en;q=0.7", 41.9, 12.6, "Torino,Milano,Modena,Roma"},
	{"FI", 1.5, "nordic", "fi-FI,fi;q=0.9,en;q=0.8", 61.9, 25.7, "Helsinki,Tampere,Espoo,Oulu"},
	{"EG", 1.5, "arabic", "ar-EG,ar;q=0.9,en;q=0.8", 26.8, 30.8, "Cairo,Alexandria,Giza"},
	{"NG", 1.5, "african", "en-NG,en;q=0.9", 9.1, 8.7, "Lagos,Abuja,Ibadan"},
	{"PK", 1.5, "indian", "en-PK,en;q=0.9,ur;q=0.8", 30.4, 69.3, "Karachi,Lahore,Islamabad"},
	{"TR", 1.5, "turkish", "tr-TR,tr;q=0.9,en;q=0.8", 39.0, 35.2, "İstanbul,Ankara,Bursa,İzmir"},
	{"AU", 1.5, "anglo", "en-AU,en;q=0.9", -25.3, 133.8, "Melbourne,Sydney,Brisbane,Adelaide"},
	{"CO", 1.2, "hispanic", "es-CO,es;q=0.9", 4.6, -74.3, "Bogotá,Medellín,Cali"},
	{"GR", 1, "greek", "el-GR,el;q=0.9,en;q=0.8", 39.1, 21.8, "Athens,Thessaloniki,Patras"},
	{"PL", 1, "slavic", "pl-PL,pl;q=0.9,en;q=0.8", 51.9, 19.1, "Warszawa,Kraków,Wrocław,Gdańsk"},
	{"IR", 1, "persian", "fa-IR,fa;q=0.9,en;q=0.8", 32.4, 53.7, "Tehran,Isfahan,Shiraz"},
	{"ID", 1, "seasian", "id-ID,id;q=0.9,en;q=0.8", -0.8, 113.9, "Jakarta,Bandung,Surabaya"},
	{"KR", 1, "korean", "ko-KR,ko;q=0.9,en;q=0.8", 35.9, 127.8, "Seoul,Ulsan,Daejeon"},
	{"JP", 0.8, "japanese", "ja-JP,ja;q=0.9,en;q=0.8", 36.2, 138.3, "Tokyo,Nagoya,Toyota,Osaka"},
	{"RU", 0.8, "slavic", "ru-RU,ru;q=0.9,en;q=0.8", 61.5, 105.3, "Moscow,Saint Petersburg,Kazan"},
	{"PT", 0.8, "lusophone", "pt-PT,pt;q=0.9,en;q=0.8", 39.4, -8.2, "Lisboa,Porto,Braga"},
	{"BE", 0.7, "dutch", "nl-BE,nl;q=0.9,fr;q=0.8,en;q=0.7", 50.5, 4.5, "Gent,Leuven,Antwerpen"},
	{"CH", 0.7, "german", "de-CH,de;q=0.9,en;q=0.8", 46.8, 8.2, "Zürich,Lausanne,Basel"},
	{"AR", 0.7, "hispanic", "es-AR,es;q=0.9", -38.4, -63.6, "Buenos Aires,Córdoba,Rosario"},
	{"AT", 0.6, "german", "de-AT,de;q=0.9,en;q=0.8", 47.5, 14.6, "Wien,Graz,Linz"},
	{"CL", 0.6, "hispanic", "es-CL,es;q=0.9", -35.7, -71.5, "Santiago,Valparaíso"},
	{"ZA", 0.6, "african", "en-ZA,en;q=0.9", -30.6, 22.9, "Johannesburg,Cape Town,Pretoria"},
	{"PE", 0.5, "hispanic", "es-PE,es;q=0.9", -9.2, -75.0, "Lima,Arequipa"},
	{"SA", 0.5, "arabic", "ar-SA,ar;q=0.9,en;q=0.8", 23.9, 45.1, "Riyadh,Jeddah,Dammam"},
	{"AE", 0.5, "arabic", "en-AE,en;q=0.9,ar;q=0.8", 23.4, 53.8, "Dubai,Abu Dhabi"},
	{"KE", 0.5, "african", "en-KE,en;q=0.9,sw;q=0.8", -0.02, 37.9, "Nairobi,Mombasa"},
	{"VN", 0.5, "seasian", "vi-VN,vi;q=0.9,en;q=0.8", 14.1, 108.3, "Hà Nội,Hồ Chí Minh City"},
	{"PH", 0.5, "seasian", "en-PH,en;q=0.9", 12.9, 121.8, "Manila,Cebu"},
	{"BD", 0.5, "indian", "bn-BD,bn;q=0.9,en;q=0.8", 23.7, 90.4, "Dhaka,Chittagong"},
	{"MY", 0.4, "seasian", "en-MY,en;q=0.9,ms;q=0.8", 4.2, 101.98, "Kuala Lumpur,Penang"},
	{"SG", 0.4, "chinese", "en-SG,en;q=0.9", 1.35, 103.8, "Singapore"},
	{"IE", 0.4, "anglo", "en-IE,en;q=0.9", 53.4, -8.2, "Dublin,Cork"},
	{"UA", 0.4, "slavic", "uk-UA,uk;q=0.9,en;q=0.8", 48.4, 31.2, "Kyiv,Kharkiv,Lviv"},
	{"NZ", 0.3, "anglo", "en-NZ,en;q=0.9", -40.9, 174.9, "Auckland,Christchurch"},
	{"TH", 0.3, "seasian", "th-TH,th;q=0.9,en;q=0.8", 15.9, 100.99, "Bangkok"},
	{"LK", 0.3, "indian", "en-LK,en;q=0.9", 7.9, 80.8, "Colombo"},
	{"CZ", 0.3, "slavic", "cs-CZ,cs;q=0.9,en;q=0.8", 49.8, 15.5, "Praha,Brno,Mladá Boleslav"},
	{"RO", 0.3, "slavic", "ro-RO,ro;q=0.9,en;q=0.8", 45.9, 24.97, "București,Cluj-Napoca"},
	{"GH", 0.3, "african", "en-GH,en;q=0.9", 7.9, -1.0, "Accra,Kumasi"},
	{"ET", 0.3, "african", "en-ET,en;q=0.9,am;q=0.8", 9.1, 40.5, "Addis Ababa"},
	{"MA", 0.3, "arabic", "fr-MA,fr;q=0.9,ar;q=0.8", 31.8, -7.1, "Casablanca,Rabat"},
	{"TW", 0.3, "chinese", "zh-TW,zh;q=0.9,en;q=0.8", 23.7, 120.96, "Taipei,Hsinchu"},
	{"HK", 0.2, "chinese", "zh-HK,zh;q=0.9,en;q=0.8", 22.3, 114.2, "Hong Kong"},
	{"NP", 0.2, "indian", "en-NP,en;q=0.9", 28.4, 84.1, "Kathmandu"},
	{"RS", 0.2, "slavic", "sr-RS,sr;q=0.9,en;q=0.8", 44.0, 21.0, "Beograd,Novi Sad"},
	{"HU", 0.2, "slavic", "hu-HU,hu;q=0.9,en;q=0.8", 47.2, 19.5, "Budapest,Győr"},
	{"TN", 0.2, "arabic", "fr-TN,fr;q=0.9,ar;q=0.8", 33.9, 9.5, "Tunis"},
	{"JO", 0.2, "arabic", "ar-JO,ar;q=0.9,en;q=0.8", 30.6, 36.2, "Amman"},
	// The tail: one to four learners each, or none.
	{"IS", 0.12, "nordic", "is-IS,is;q=0.9,en;q=0.8", 64.96, -19.0, ""},
	{"EE", 0.1, "nordic", "et-EE,et;q=0.9,en;q=0.8", 58.6, 25.0, ""},
	{"LT", 0.08, "slavic", "lt-LT,lt;q=0.9,en;q=0.8", 55.2, 23.9, ""},
	{"HR", 0.08, "slavic", "hr-HR,hr;q=0.9,en;q=0.8", 45.1, 15.2, ""},
	{"BG", 0.08, "slavic", "bg-BG,bg;q=0.9,en;q=0.8", 42.7, 25.5, ""},
	{"UG", 0.08, "african", "en-UG,en;q=0.9", 1.4, 32.3, ""},
	{"LV", 0.07, "nordic", "lv-LV,lv;q=0.9,en;q=0.8", 56.9, 24.6, ""},
	{"UY", 0.07, "hispanic", "es-UY,es;q=0.9", -32.5, -55.8, ""},
	{"SI", 0.06, "slavic", "sl-SI,sl;q=0.9,en;q=0.8", 46.2, 14.99, ""},
	{"CR", 0.06, "hispanic", "es-CR,es;q=0.9", 9.7, -83.8, ""},
	{"TZ", 0.06, "african", "en-TZ,en;q=0.9,sw;q=0.8", -6.4, 34.9, ""},
	{"BO", 0.05, "hispanic", "es-BO,es;q=0.9", -16.3, -63.6, ""},
	{"CM", 0.05, "french", "fr-CM,fr;q=0.9,en;q=0.8", 7.4, 12.4, ""},
	{"QA", 0.05, "arabic", "ar-QA,ar;q=0.9,en;q=0.8", 25.4, 51.2, ""},
	{"LB", 0.05, "arabic", "ar-LB,ar;q=0.9,fr;q=0.8", 33.9, 35.9, ""},
	{"KZ", 0.05, "slavic", "ru-KZ,ru;q=0.9,en;q=0.8", 48.0, 66.9, ""},
	{"CY", 0.04, "greek", "el-CY,el;q=0.9,en;q=0.8", 35.1, 33.4, ""},
	{"LU", 0.04, "french", "fr-LU,fr;q=0.9,de;q=0.8", 49.8, 6.1, ""},
	{"PY", 0.04, "hispanic", "es-PY,es;q=0.9", -23.4, -58.4, ""},
	{"GT", 0.04, "hispanic", "es-GT,es;q=0.9", 15.8, -90.2, ""},
	{"RW", 0.04, "african", "en-RW,en;q=0.9,fr;q=0.8", -1.9, 29.9, ""},
	{"KW", 0.04, "arabic", "ar-KW,ar;q=0.9,en;q=0.8", 29.3, 47.5, ""},
	{"MT", 0.03, "italian", "en-MT,en;q=0.9", 35.9, 14.4, ""},
	{"ZM", 0.03, "african", "en-ZM,en;q=0.9", -13.1, 27.8, ""},
	{"SN", 0.03, "french", "fr-SN,fr;q=0.9", 14.5, -14.5, ""},
	{"OM", 0.03, "arabic", "ar-OM,ar;q=0.9,en;q=0.8", 21.5, 55.9, ""},
	{"KH", 0.03, "seasian", "km-KH,km;q=0.9,en;q=0.8", 12.6, 104.99, ""},
	{"MM", 0.03, "seasian", "en-MM,en;q=0.9", 21.9, 95.96, ""},
	{"MN", 0.02, "korean", "mn-MN,mn;q=0.9,en;q=0.8", 46.9, 103.8, ""},
	{"FJ", 0.02, "anglo", "en-FJ,en;q=0.9", -17.7, 178.1, ""},
}

// namePool holds the given names (male, female) and family names one
// region's learners draw from. Lists are comma-separated to keep this file
// readable; names may contain spaces and any Unicode letter.
type namePool struct{ male, female, family string }

var namePools = map[string]namePool{
	"nordic": {
		"Erik,Lars,Anders,Mikael,Johan,Tomás,Henrik,Mattias,Jonas,Magnus,Oskar,Sindre,Jukka,Mikko,Søren",
		"Åsa,Ingrid,Karin,Maria,Sofia,Linnéa,Elin,Freja,Maja,Sigrid,Anneli,Kirsi,Liv,Mette,Ida",
		"Lindqvist,Andersson,Johansson,Ekström,Nilsson,Halvorsen,Björk,Sjöberg,Virtanen,Korhonen,Jensen,Nielsen,Østergaard,Hansen,Berg,Lundgren,Öberg,Dahl",
	},
	"anglo": {
		"James,Michael,David,Robert,Daniel,Matthew,Ryan,Kevin,Brian,Thomas,Connor,Liam",
		"Jennifer,Sarah,Emily,Jessica,Laura,Megan,Rachel,Olivia,Hannah,Grace,Chloe,Siobhán",
		"Smith,Johnson,Williams,Brown,Miller,Davis,Wilson,Taylor,Anderson,Clarke,O'Brien,Murphy,Walker,Thompson,MacDonald",
	},
	"indian": {
		"Rahul,Amit,Arjun,Vikram,Sanjay,Rohan,Karthik,Aditya,Imran,Suresh,Anil,Farhan",
		"Priya,Ananya,Deepika,Sneha,Kavya,Pooja,Neha,Lakshmi,Ayesha,Divya,Meera,Fatima",
		"Sharma,Patel,Kumar,Singh,Reddy,Iyer,Nair,Gupta,Khan,Rao,Menon,Chowdhury,Banerjee,Joshi,Hussain",
	},
	"german": {
		"Lukas,Jonas,Felix,Maximilian,Tobias,Florian,Stefan,Jürgen,Matthias,Niklas",
		"Anna,Lena,Julia,Katharina,Sophie,Hannah,Laura,Sabine,Jana,Charlotte",
		"Müller,Schmidt,Schneider,Fischer,Weber,Becker,Hoffmann,Schäfer,Koch,Wagner,Krüger,Köhler",
	},
	"dutch": {
		"Daan,Bram,Sem,Thijs,Pieter,Jeroen,Wouter,Niels",
		"Emma,Sanne,Lotte,Fleur,Anouk,Eva,Femke,Lieke",
		"de Jong,Jansen,de Vries,van den Berg,Bakker,Visser,Smit,Meijer,de Boer,Peeters,Janssens",
	},
	"hispanic": {
		"José,Juan,Carlos,Luis,Javier,Diego,Alejandro,Andrés,Miguel,Sebastián,Pablo,Raúl",
		"María,Lucía,Carmen,Sofía,Valentina,Camila,Isabel,Ana,Paula,Daniela,Ximena,Inés",
		"Núñez,García,Rodríguez,Martínez,Hernández,López,González,Pérez,Sánchez,Ramírez,Torres,Muñoz,Díaz,Vargas,Castillo",
	},
	"lusophone": {
		"João,Pedro,Lucas,Gabriel,Rafael,Tiago,Bruno,Gonçalo",
		"Ana,Beatriz,Mariana,Larissa,Juliana,Inês,Camila,Letícia",
		"Silva,Santos,Oliveira,Souza,Pereira,Costa,Rodrigues,Almeida,Ferreira,Araújo,Gonçalves",
	},
	"chinese": {
		"Wei,Jun,Hao,Lei,Yang,Jie,Tao,Chen,Ming,Zhiwei",
		"Fang,Li,Na,Min,Jing,Xin,Yan,Ying,Hui,Xiaoling",
		"Wang,Li,Zhang,Liu,Chen,Yang,Huang,Zhao,Wu,Zhou,Tan,Lim",
	},
	"french": {
		"Thomas,Nicolas,Julien,Antoine,Mathieu,Hugo,Étienne,Mamadou,Louis",
		"Camille,Marie,Léa,Chloé,Manon,Élodie,Aminata,Juliette,Inès",
		"Martin,Bernard,Dubois,Durand,Lefèvre,Moreau,Laurent,Girard,Fontaine,Diallo,Ndiaye",
	},
	"italian": {
		"Marco,Luca,Giuseppe,Alessandro,Matteo,Francesco,Davide,Lorenzo",
		"Giulia,Francesca,Chiara,Sara,Martina,Elena,Alessia,Valentina",
		"Rossi,Russo,Ferrari,Esposito,Bianchi,Romano,Colombo,Ricci,Conti,Galli",
	},
	"arabic": {
		"Mohamed,Ahmed,Omar,Youssef,Khaled,Karim,Hassan,Tarek,Ali,Mahmoud",
		"Fatma,Nour,Sara,Mariam,Layla,Yasmin,Aya,Salma,Hana,Rania",
		"Hassan,Ibrahim,Mahmoud,Abdullah,El-Sayed,Mansour,Haddad,Nasser,Al-Harbi,Khalil,Saleh",
	},
	"african": {
		"Chinedu,Emeka,Oluwaseun,Kwame,Kofi,Tendai,Brian,Samuel,Abebe,Thabo",
		"Ngozi,Chioma,Amara,Akosua,Wanjiru,Grace,Mercy,Aisha,Thandiwe,Tigist",
		"Okafor,Adeyemi,Okonkwo,Mensah,Boateng,Otieno,Kamau,Nkosi,Bekele,Mwangi,Eze",
	},
	"turkish": {
		"Mehmet,Mustafa,Ahmet,Emre,Burak,Can,Oğuz,Serkan",
		"Ayşe,Fatma,Zeynep,Elif,Merve,Büşra,Özge,Ece",
		"Yılmaz,Kaya,Demir,Şahin,Çelik,Yıldız,Öztürk,Aydın,Arslan,Doğan",
	},
	"slavic": {
		"Piotr,Jakub,Tomasz,Dmitri,Alexei,Ivan,Andrzej,Marek,Oleksandr,Nikola,Bálint,Andrei",
		"Anna,Katarzyna,Olga,Natalia,Ewa,Irina,Marta,Yulia,Milica,Zsófia,Ioana,Lucie",
		"Kowalski,Nowak,Wiśniewski,Ivanov,Petrov,Smirnov,Kovalenko,Novák,Dvořák,Jovanović,Nagy,Popescu",
	},
	"greek": {
		"Georgios,Dimitrios,Konstantinos,Nikolaos,Ioannis,Christos",
		"Maria,Eleni,Katerina,Sofia,Despoina,Vasiliki",
		"Papadopoulos,Georgiou,Nikolaidis,Karagiannis,Vlachos,Oikonomou,Papadakis",
	},
	"persian": {
		"Ali,Reza,Mohammad,Amir,Hossein,Mehdi,Arash,Saeed",
		"Fatemeh,Zahra,Maryam,Sara,Niloufar,Shirin,Leila,Parisa",
		"Hosseini,Ahmadi,Mohammadi,Rezaei,Karimi,Moradi,Jafari,Rahimi,Sadeghi",
	},
	"seasian": {
		"Budi,Agus,Minh,Tuấn,Joseph,Mark,Ahmad,Somchai,Hafiz",
		"Siti,Dewi,Lan,Thảo,Maria,Nurul,Ploy,Angelica,Mai",
		"Santoso,Wijaya,Nguyễn,Trần,Lê,Reyes,Cruz,Bautista,Rahman,Tan,Saetang",
	},
	"japanese": {
		"Hiroshi,Takashi,Kenji,Daiki,Yuto,Shota,Kazuki",
		"Yuki,Aiko,Haruka,Sakura,Misaki,Yui,Nanami",
		"Sato,Suzuki,Takahashi,Tanaka,Watanabe,Ito,Yamamoto,Nakamura,Kobayashi",
	},
	"korean": {
		"Min-jun,Ji-ho,Seo-jun,Hyun-woo,Dong-hyun,Jae-won",
		"Seo-yeon,Ji-woo,Min-seo,Ha-eun,Soo-jin,Eun-ji",
		"Kim,Lee,Park,Choi,Jung,Kang,Cho,Yoon,Jang",
	},
}

// hanNames are family and given names in Han script with their pinyin, for
// the share of Chinese learners whose profile name is not romanised (their
// username still is).
var hanNames = struct{ family, given [][2]string }{
	family: [][2]string{{"王", "wang"}, {"李", "li"}, {"张", "zhang"}, {"刘", "liu"}, {"陈", "chen"}, {"杨", "yang"}, {"赵", "zhao"}},
	given:  [][2]string{{"伟", "wei"}, {"芳", "fang"}, {"娜", "na"}, {"敏", "min"}, {"静", "jing"}, {"磊", "lei"}, {"洋", "yang"}, {"婷", "ting"}},
}

// list splits a comma-separated name list.
func list(s string) []string { return strings.Split(s, ",") }

// foldRunes maps the non-ASCII letters of the name pools to the ASCII an
// edX username allows. Letters missing here are dropped by fold.
var foldRunes = map[rune]string{
	'å': "a", 'ä': "a", 'á': "a", 'à': "a", 'ã': "a", 'â': "a", 'ấ': "a", 'ầ': "a", 'ă': "a",
	'æ': "ae", 'ç': "c", 'č': "c", 'đ': "d",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ễ': "e", 'ế': "e", 'ệ': "e",
	'í': "i", 'ì': "i", 'ï': "i", 'ı': "i", 'İ': "i",
	'ñ': "n", 'ń': "n", 'ó': "o", 'ò': "o", 'ö': "o", 'ø': "o", 'õ': "o", 'ô': "o", 'ő': "o", 'ộ': "o",
	'ř': "r", 'ş': "s", 'ś': "s", 'š': "s", 'ß': "ss", 'ğ': "g", 'ł': "l",
	'ú': "u", 'ù': "u", 'ü': "u", 'ű': "u", 'ư': "u", 'ý': "y", 'ž': "z", 'ż': "z",
	'ả': "a", 'ạ': "a", 'ậ': "a", 'ữ': "u", 'ừ': "u", 'ồ': "o", 'ố': "o", 'ơ': "o",
}

// fold lower-cases s and reduces it to the letters and digits of an edX
// username.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteString(foldRunes[r])
		}
	}
	return b.String()
}
