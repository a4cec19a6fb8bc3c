"""Gazetteer data: countries (UN members and a few others), demonyms, organisations, cities.

Kept as plain text tables so a reviewer can scan and extend them; ``geo.py``
turns them into lookup tables once at import. Each country line is
``Canonical|demonyms|aliases`` (comma-separated; empty fields allowed). The
canonical name is what facts report, so it is the short everyday English name
("South Korea", "Laos", "Vietnam").
"""

from __future__ import annotations

COUNTRY_TABLE = """
Afghanistan|Afghan|
Albania|Albanian|
Algeria|Algerian|
Andorra|Andorran|
Angola|Angolan|
Antigua and Barbuda|Antiguan|
Argentina|Argentine,Argentinian|
Armenia|Armenian|
Australia|Australian|
Austria|Austrian|
Azerbaijan|Azerbaijani|
Bahamas|Bahamian|The Bahamas
Bahrain|Bahraini|
Bangladesh|Bangladeshi|
Barbados|Barbadian|
Belarus|Belarusian|
Belgium|Belgian|
Belize|Belizean|
Benin|Beninese|
Bhutan|Bhutanese|
Bolivia|Bolivian|
Bosnia and Herzegovina|Bosnian|Bosnia
Botswana|Botswanan|
Brazil|Brazilian|
Brunei|Bruneian|Brunei Darussalam
Bulgaria|Bulgarian|
Burkina Faso|Burkinabe|
Burundi|Burundian|
Cabo Verde|Cape Verdean|Cape Verde
Cambodia|Cambodian|Kingdom of Cambodia
Cameroon|Cameroonian|
Canada|Canadian|
Central African Republic||
Chad|Chadian|
Chile|Chilean|
China|Chinese|People's Republic of China,People’s Republic of China,PRC,Mainland China
Colombia|Colombian|
Comoros|Comorian|
Congo|Congolese|Republic of the Congo,Congo-Brazzaville
Costa Rica|Costa Rican|
Côte d'Ivoire|Ivorian|Ivory Coast,Cote d'Ivoire,Côte d’Ivoire
Croatia|Croatian|
Cuba|Cuban|
Cyprus|Cypriot|
Czechia|Czech|Czech Republic
Democratic Republic of the Congo||DR Congo,DRC,Congo-Kinshasa
Denmark|Danish|
Djibouti|Djiboutian|
Dominica||
Dominican Republic||
Ecuador|Ecuadorian|
Egypt|Egyptian|
El Salvador|Salvadoran|
Equatorial Guinea|Equatorial Guinean|
Eritrea|Eritrean|
Estonia|Estonian|
Eswatini|Swazi|Swaziland
Ethiopia|Ethiopian|
Fiji|Fijian|
Finland|Finnish|
France|French|
Gabon|Gabonese|
Gambia|Gambian|The Gambia
Georgia|Georgian|
Germany|German|
Ghana|Ghanaian|
Greece|Greek|
Grenada|Grenadian|
Guatemala|Guatemalan|
Guinea|Guinean|
Guinea-Bissau||
Guyana|Guyanese|
Haiti|Haitian|
Honduras|Honduran|
Hungary|Hungarian|
Iceland|Icelandic|
India|Indian|
Indonesia|Indonesian|
Iran|Iranian|
Iraq|Iraqi|
Ireland|Irish|
Israel|Israeli|
Italy|Italian|
Jamaica|Jamaican|
Japan|Japanese|
Jordan|Jordanian|
Kazakhstan|Kazakh,Kazakhstani|
Kenya|Kenyan|
Kiribati||
Kuwait|Kuwaiti|
Kyrgyzstan|Kyrgyz|
Laos|Lao,Laotian|Lao PDR,Lao People's Democratic Republic
Latvia|Latvian|
Lebanon|Lebanese|
Lesotho|Basotho|
Liberia|Liberian|
Libya|Libyan|
Liechtenstein||
Lithuania|Lithuanian|
Luxembourg|Luxembourgish|
Madagascar|Malagasy|
Malawi|Malawian|
Malaysia|Malaysian|
Maldives|Maldivian|
Mali|Malian|
Malta|Maltese|
Marshall Islands|Marshallese|
Mauritania|Mauritanian|
Mauritius|Mauritian|
Mexico|Mexican|
Micronesia|Micronesian|Federated States of Micronesia
Moldova|Moldovan|
Monaco|Monegasque|
Mongolia|Mongolian|
Montenegro|Montenegrin|
Morocco|Moroccan|
Mozambique|Mozambican|
Myanmar|Burmese|Burma
Namibia|Namibian|
Nauru|Nauruan|
Nepal|Nepali,Nepalese|
Netherlands|Dutch|Holland
New Zealand|New Zealander|
Nicaragua|Nicaraguan|
Niger|Nigerien|
Nigeria|Nigerian|
North Korea|North Korean|DPRK,Democratic People's Republic of Korea
North Macedonia|Macedonian|Macedonia
Norway|Norwegian|
Oman|Omani|
Pakistan|Pakistani|
Palau|Palauan|
Panama|Panamanian|
Papua New Guinea|Papua New Guinean|PNG
Paraguay|Paraguayan|
Peru|Peruvian|
Philippines|Philippine,Filipino|
Poland|Polish|
Portugal|Portuguese|
Qatar|Qatari|
Romania|Romanian|
Russia|Russian|Russian Federation
Rwanda|Rwandan|
Saint Kitts and Nevis||St Kitts and Nevis
Saint Lucia|Saint Lucian|St Lucia
Saint Vincent and the Grenadines||St Vincent and the Grenadines
Samoa|Samoan|
San Marino|Sammarinese|
Sao Tome and Principe||São Tomé and Príncipe
Saudi Arabia|Saudi|
Senegal|Senegalese|
Serbia|Serbian|
Seychelles|Seychellois|
Sierra Leone|Sierra Leonean|
Singapore|Singaporean|
Slovakia|Slovak|
Slovenia|Slovenian,Slovene|
Solomon Islands||
Somalia|Somali|
South Africa|South African|
South Korea|South Korean,Korean|Korea,Republic of Korea,ROK
South Sudan|South Sudanese|
Spain|Spanish|
Sri Lanka|Sri Lankan|
Sudan|Sudanese|
Suriname|Surinamese|
Sweden|Swedish|
Switzerland|Swiss|
Syria|Syrian|
Tajikistan|Tajik|
Tanzania|Tanzanian|
Thailand|Thai|
Timor-Leste|Timorese|East Timor
Togo|Togolese|
Tonga|Tongan|
Trinidad and Tobago|Trinidadian|
Tunisia|Tunisian|
Turkey|Turkish|Türkiye
Turkmenistan|Turkmen|
Tuvalu|Tuvaluan|
Uganda|Ugandan|
Ukraine|Ukrainian|
United Arab Emirates|Emirati|UAE
United Kingdom|British|UK,U.K.,Britain,Great Britain
United States|American|US,U.S.,USA,U.S.A.,United States of America,America
Uruguay|Uruguayan|
Uzbekistan|Uzbek|
Vanuatu||
Venezuela|Venezuelan|
Vietnam|Vietnamese|Viet Nam
Yemen|Yemeni|
Zambia|Zambian|
Zimbabwe|Zimbabwean|
Taiwan|Taiwanese|
Palestine|Palestinian|
Kosovo||
Vatican|Vatican|Holy See
"""

# Organisations: recognised so they are never taken for people or places, and
# (for national agencies) so their country can count as a party.
# ``Canonical|aliases|country`` where country is set only for national bodies.
ORG_TABLE = """
ASEAN|Asean,Association of Southeast Asian Nations|
United Nations|UN,U.N.|
European Union|EU|
World Bank||
Asian Development Bank|ADB|
International Monetary Fund|IMF|
World Trade Organization|WTO|
APEC|Asia-Pacific Economic Cooperation|
G20|G-20|
G7|G-7|
NATO||
UNESCO|Unesco|
Asian Infrastructure Investment Bank|AIIB|
Mekong-Lancang Cooperation|Lancang-Mekong Cooperation|
JICA|Japan International Cooperation Agency|Japan
KOICA|Korea International Cooperation Agency|South Korea
USAID||United States
"""

# Capitals of UN members and the larger or diplomatically busy cities, with
# their country. Ambiguous capitals that are also common words or names
# (Victoria, Male, Kingston...) are left out on purpose.
CITY_TABLE = """
Japan: Tokyo, Osaka, Kyoto, Yokohama, Nagoya, Kobe, Hiroshima, Nagasaki, Sapporo, Fukuoka,
 Sendai, Naha, Ise-Shima
Cambodia: Phnom Penh, Sihanoukville, Siem Reap, Battambang, Kampot, Kep, Poipet, Koh Kong
China: Beijing, Shanghai, Guangzhou, Shenzhen, Chongqing, Chengdu, Wuhan, Kunming, Nanning,
 Xiamen, Hangzhou, Tianjin, Xi'an, Qingdao, Boao, Hong Kong, Macau, Dalian, Harbin
South Korea: Seoul, Busan, Incheon, Jeju, Daegu, Gwangju, Daejeon, Ulsan, Pyeongchang
North Korea: Pyongyang
Vietnam: Hanoi, Ho Chi Minh City, Saigon, Da Nang, Danang, Hai Phong, Haiphong, Hue, Nha Trang,
 Can Tho, Quang Ninh, Ha Long
Thailand: Bangkok, Chiang Mai, Phuket, Pattaya, Khon Kaen, Hua Hin, Chiang Rai, Nong Khai
Laos: Vientiane, Luang Prabang, Pakse, Savannakhet, Boten
Myanmar: Naypyitaw, Naypyidaw, Nay Pyi Taw, Yangon, Rangoon, Mandalay
Malaysia: Kuala Lumpur, Putrajaya, Penang, George Town, Johor Bahru, Kota Kinabalu, Kuching,
 Malacca, Melaka
Singapore: Singapore
Indonesia: Jakarta, Surabaya, Bandung, Bali, Denpasar, Nusa Dua, Medan, Yogyakarta, Makassar,
 Batam, Semarang
Philippines: Manila, Cebu, Davao, Quezon City, Makati, Clark
Brunei: Bandar Seri Begawan
Timor-Leste: Dili
India: New Delhi, Delhi, Mumbai, Kolkata, Chennai, Bengaluru, Bangalore, Hyderabad, Ahmedabad,
 Gandhinagar, Pune, Varanasi, Goa, Jaipur, Agra
Pakistan: Islamabad, Karachi, Lahore
Bangladesh: Dhaka, Chittagong
Sri Lanka: Colombo, Kandy
Nepal: Kathmandu
Bhutan: Thimphu
Maldives: Malé
Mongolia: Ulaanbaatar, Ulan Bator
Australia: Canberra, Sydney, Melbourne, Perth, Brisbane, Adelaide, Darwin, Hobart
New Zealand: Wellington, Auckland, Christchurch
Papua New Guinea: Port Moresby
Fiji: Suva
Solomon Islands: Honiara
Vanuatu: Port Vila
Samoa: Apia
Tonga: Nuku'alofa, Nuku’alofa
Palau: Ngerulmud
Marshall Islands: Majuro
Micronesia: Palikir
Kiribati: Tarawa
Tuvalu: Funafuti
Nauru: Yaren
United States: Washington, Washington DC, Washington D.C., New York, Los Angeles,
 San Francisco, Chicago, Honolulu, Houston, Boston, Seattle
Canada: Ottawa, Toronto, Vancouver, Montreal
Mexico: Mexico City
Guatemala: Guatemala City
Belize: Belmopan
Honduras: Tegucigalpa
El Salvador: San Salvador
Nicaragua: Managua
Costa Rica: San José
Panama: Panama City
Cuba: Havana
Haiti: Port-au-Prince
Dominican Republic: Santo Domingo
Bahamas: Nassau
Barbados: Bridgetown
Trinidad and Tobago: Port of Spain
Colombia: Bogotá, Bogota
Venezuela: Caracas
Ecuador: Quito
Peru: Lima
Bolivia: La Paz, Sucre
Chile: Santiago
Argentina: Buenos Aires
Uruguay: Montevideo
Paraguay: Asunción, Asuncion
Brazil: Brasília, Brasilia, Rio de Janeiro, São Paulo, Sao Paulo
Guyana: Georgetown
Suriname: Paramaribo
United Kingdom: London, Edinburgh, Manchester
Ireland: Dublin
France: Paris, Marseille, Lyon
Belgium: Brussels
Netherlands: Amsterdam, The Hague, Rotterdam
Luxembourg: Luxembourg
Germany: Berlin, Hamburg, Frankfurt, Munich, Bonn
Switzerland: Bern, Geneva, Davos, Zurich
Austria: Vienna
Italy: Rome, Milan
Vatican: Vatican City
Spain: Madrid, Barcelona
Portugal: Lisbon
Andorra: Andorra la Vella
Monaco: Monaco
San Marino: San Marino
Malta: Valletta
Denmark: Copenhagen
Norway: Oslo
Sweden: Stockholm
Finland: Helsinki
Iceland: Reykjavik
Estonia: Tallinn
Latvia: Riga
Lithuania: Vilnius
Poland: Warsaw
Czechia: Prague
Slovakia: Bratislava
Hungary: Budapest
Slovenia: Ljubljana
Croatia: Zagreb
Bosnia and Herzegovina: Sarajevo
Serbia: Belgrade
Montenegro: Podgorica
North Macedonia: Skopje
Albania: Tirana
Greece: Athens
Bulgaria: Sofia
Romania: Bucharest
Moldova: Chisinau
Ukraine: Kyiv, Kiev
Belarus: Minsk
Russia: Moscow, St Petersburg, Saint Petersburg, Vladivostok, Sochi, Kazan
Liechtenstein: Vaduz
Cyprus: Nicosia
Turkey: Ankara, Istanbul
Georgia: Tbilisi
Armenia: Yerevan
Azerbaijan: Baku
Kazakhstan: Astana, Nur-Sultan, Almaty
Uzbekistan: Tashkent, Samarkand
Turkmenistan: Ashgabat
Kyrgyzstan: Bishkek
Tajikistan: Dushanbe
Afghanistan: Kabul
Iran: Tehran
Iraq: Baghdad
Syria: Damascus
Lebanon: Beirut
Jordan: Amman
Israel: Tel Aviv
Saudi Arabia: Riyadh, Jeddah
Yemen: Sanaa
Oman: Muscat
United Arab Emirates: Abu Dhabi, Dubai
Qatar: Doha
Bahrain: Manama
Kuwait: Kuwait City
Egypt: Cairo, Sharm el-Sheikh
Libya: Tripoli
Tunisia: Tunis
Algeria: Algiers
Morocco: Rabat, Casablanca
Mauritania: Nouakchott
Senegal: Dakar
Gambia: Banjul
Guinea-Bissau: Bissau
Guinea: Conakry
Sierra Leone: Freetown
Liberia: Monrovia
Côte d'Ivoire: Yamoussoukro, Abidjan
Mali: Bamako
Burkina Faso: Ouagadougou
Niger: Niamey
Ghana: Accra
Togo: Lomé, Lome
Benin: Porto-Novo, Cotonou
Nigeria: Abuja, Lagos
Cameroon: Yaoundé, Yaounde
Chad: N'Djamena
Central African Republic: Bangui
Gabon: Libreville
Congo: Brazzaville
Democratic Republic of the Congo: Kinshasa
Equatorial Guinea: Malabo
Angola: Luanda
Zambia: Lusaka
Zimbabwe: Harare
Malawi: Lilongwe
Mozambique: Maputo
Botswana: Gaborone
Namibia: Windhoek
South Africa: Pretoria, Cape Town, Johannesburg, Durban
Lesotho: Maseru
Eswatini: Mbabane
Madagascar: Antananarivo
Mauritius: Port Louis
Comoros: Moroni
Tanzania: Dodoma, Dar es Salaam
Kenya: Nairobi, Mombasa
Uganda: Kampala
Rwanda: Kigali
Burundi: Gitega, Bujumbura
Ethiopia: Addis Ababa
Eritrea: Asmara
Djibouti: Djibouti City
Somalia: Mogadishu
Sudan: Khartoum
South Sudan: Juba
Cabo Verde: Praia
Sao Tome and Principe: São Tomé
Taiwan: Taipei
"""

# Spans that contain a country word but do not refer to the country (seas,
# regions, festivals). Matching them first keeps "Japan" out of "Sea of Japan".
NOT_PLACES = (
    "Indian Ocean",
    "Indian Oceans",
    "Indian oceans",
    "Indian ocean",
    "Korean Peninsula",
    "Korean peninsula",
    "Latin America",
    "Latin American",
    "South America",
    "South American",
    "North America",
    "North American",
    "Central America",
    "Central American",
    "Southeast Asia",
    "Southeast Asian",
    "South Asia",
    "South Asian",
    "East Asia",
    "East Asian",
    "Central Asia",
    "Central Asian",
    "South China Sea",
    "East China Sea",
    "Sea of Japan",
    "Gulf of Thailand",
    "Chinese New Year",
    "New Guinea",
    "Guinea pig",
    "Turkish Airlines",
    "Japan Airlines",
    "Korean Air",
    "Thai Airways",
    "Vietnam Airlines",
    "Vietnam War",
    "Korean War",
)
