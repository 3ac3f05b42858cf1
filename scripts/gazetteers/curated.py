"""Curated tables: the short forms, regions, landmarks, organisations and
demonyms that no installable package lists. Each table names its public
source in SOURCES.md. Keep them general news vocabulary, not one article's."""

# Country short forms used as names in news copy (not ISO codes, which
# collide with English words: IN, IT, AS, NO, ...). Keyed by ISO alpha-2.
COUNTRY_NAMES = {
    "GB": "United Kingdom", "US": "United States", "RU": "Russia", "KR": "South Korea",
    "KP": "North Korea", "IR": "Iran", "SY": "Syria", "VN": "Vietnam", "LA": "Laos",
    "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "MD": "Moldova", "CZ": "Czech Republic",
    "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo", "PS": "Palestinian Territories",
    "VA": "Vatican City", "MK": "North Macedonia", "TW": "Taiwan", "BN": "Brunei", "CI": "Ivory Coast",
}
COUNTRY_ALIASES = {
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "US": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
    "RU": ["Russian Federation"],
    "KR": ["Republic of Korea"],
    "KP": ["DPRK"],
    "AE": ["UAE", "U.A.E."],
    "CD": ["DRC", "DR Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville"],
    "NL": ["Holland"],
    "CZ": ["Czechia"],
    "MM": ["Burma"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "PS": ["Palestine"],
    "SZ": ["Swaziland"],
    "TL": ["East Timor"],
    "CV": ["Cape Verde"],
    "SA": ["Saudi"],
    "MK": ["Macedonia"],
    "VA": ["Vatican", "Holy See"],
}

# Regions, sub-national nations and geographic areas that news names as
# places (UK nations, disputed and conflict areas, seas and ranges).
REGIONS = [
    "England", "Scotland", "Wales", "Northern Ireland", "Middle East", "Near East", "Far East",
    "West Bank", "Gaza Strip | Gaza", "Golan Heights", "Kashmir", "Crimea", "Donbas | Donbass",
    "Balkans", "Caucasus", "Scandinavia", "Sahel", "Sahara", "Kurdistan | Iraqi Kurdistan", "Darfur",
    "Sinai | Sinai Peninsula", "Persian Gulf | Gulf", "Horn of Africa", "Latin America",
    "South America", "North America", "Central America", "Central Asia", "South Asia",
    "Southeast Asia | South-East Asia", "East Asia", "West Africa", "East Africa", "North Africa",
    "Sub-Saharan Africa", "Western Europe", "Eastern Europe", "Central Europe", "Baltic | Baltics",
    "Siberia", "Chechnya", "Tibet", "Xinjiang", "Hong Kong", "Macau", "Punjab", "Kurdish region",
    "Mediterranean", "Caribbean", "Pacific", "Atlantic", "Arctic", "Antarctica", "Himalayas",
    "Alps", "Andes", "Amazon", "Nile", "Euphrates", "Tigris", "Danube", "Rhine", "Thames",
    "Mississippi", "Yangtze", "Red Sea", "Black Sea", "Dead Sea", "Caspian Sea", "South China Sea",
    "East China Sea", "Baltic Sea", "North Sea", "Aegean", "Adriatic", "Indian Ocean",
    "English Channel | the Channel", "Strait of Hormuz", "Suez Canal", "Panama Canal",
    "Anbar", "Helmand", "Kandahar", "Waziristan", "Raqqa", "Idlib", "Deir ez-Zor", "Nineveh",
    "Kurdish north", "Balochistan", "Catalonia", "Basque Country", "Corsica", "Sicily", "Sardinia",
    "Bavaria", "Flanders", "Wallonia", "Brittany", "Normandy", "Provence", "Tuscany", "Lombardy",
    "Andalusia", "Silicon Valley", "Wall Street", "Midlands", "Yorkshire", "Cornwall", "Kent",
    "Essex", "Surrey", "Ulster", "Quebec", "Ontario", "Alberta", "British Columbia", "Queensland",
    "New South Wales", "Victoria", "Tasmania",
]

# Landmarks and seats of government that news names as places.
LANDMARKS = [
    "Houses of Parliament", "Palace of Westminster", "Westminster Bridge", "Downing Street",
    "Buckingham Palace", "Whitehall", "Trafalgar Square", "Tower of London", "London Bridge",
    "Big Ben", "White House", "Capitol Hill | the Capitol", "Pentagon", "Lincoln Memorial",
    "Times Square", "Ground Zero", "World Trade Center", "Statue of Liberty", "Central Park",
    "Kremlin", "Red Square", "Elysee Palace | Élysée Palace", "Eiffel Tower", "Champs-Elysees | Champs-Élysées",
    "Louvre", "Notre Dame | Notre-Dame", "Brandenburg Gate", "Reichstag", "Bundestag building",
    "Vatican", "St Peter's Square | St. Peter's Square", "Colosseum", "Acropolis",
    "Tiananmen Square", "Forbidden City", "Great Wall", "Taj Mahal", "Red Fort", "Western Wall",
    "Temple Mount", "Al-Aqsa Mosque | al-Aqsa mosque", "Dome of the Rock", "Church of the Holy Sepulchre",
    "Kaaba", "Grand Mosque", "Tahrir Square", "Green Zone", "Guantanamo Bay | Guantánamo Bay",
    "Heathrow", "Gatwick", "JFK airport", "Charles de Gaulle airport", "Schiphol", "Sydney Opera House",
    "Golden Gate Bridge", "Hollywood", "Maidan", "Bataclan", "Stade de France", "Promenade des Anglais",
    "Breitscheidplatz", "La Rambla | Las Ramblas", "Manchester Arena", "Borough Market",
]

# International organisations, agencies, armed groups and parties. The
# armed groups follow the US State Department's Foreign Terrorist
# Organizations list (a public-domain US government work) and the UN
# Security Council consolidated list, with the spellings news wires use.
ORGANISATIONS = [
    "United Nations | UN | U.N.", "UN Security Council | Security Council", "UN General Assembly | General Assembly",
    "European Union | EU | E.U.", "European Commission", "European Parliament", "European Central Bank | ECB",
    "NATO | Nato | North Atlantic Treaty Organization", "World Health Organization | WHO",
    "World Bank", "International Monetary Fund | IMF", "World Trade Organization | WTO",
    "Organization of the Petroleum Exporting Countries | OPEC | Opec", "African Union | AU",
    "Arab League", "Association of Southeast Asian Nations | ASEAN | Asean", "G7", "G8", "G20",
    "Organization for Security and Co-operation in Europe | OSCE", "Council of Europe",
    "International Criminal Court | ICC", "International Court of Justice | ICJ",
    "International Atomic Energy Agency | IAEA", "Interpol", "Europol", "Frontex",
    "Red Cross | International Committee of the Red Cross | ICRC", "Red Crescent",
    "Amnesty International", "Human Rights Watch", "Medecins Sans Frontieres | Médecins Sans Frontières | MSF | Doctors Without Borders",
    "UNICEF | Unicef", "UNHCR", "UNESCO | Unesco", "World Food Programme | WFP", "Greenpeace", "Oxfam",
    "FBI | Federal Bureau of Investigation", "CIA | Central Intelligence Agency", "NSA | National Security Agency",
    "Department of Homeland Security | DHS", "State Department", "Justice Department", "Pentagon officials",
    "MI5", "MI6", "GCHQ", "Scotland Yard | Metropolitan Police | Met Police", "Home Office", "Foreign Office",
    "Ministry of Defence | MoD", "Crown Prosecution Service | CPS", "Mossad", "Shin Bet", "FSB", "KGB",
    "DGSI", "BND", "ISI | Inter-Services Intelligence", "Revolutionary Guards | IRGC | Islamic Revolutionary Guard Corps",
    "Hezbollah | Hizbollah | Hizbullah", "Hamas", "Islamic Jihad | Palestinian Islamic Jihad",
    "Fatah", "Palestine Liberation Organization | PLO", "Palestinian Authority | PA",
    "Isis | ISIS | ISIL | Isil | Islamic State | Islamic State of Iraq and the Levant | Islamic State of Iraq and Syria | IS | Daesh | Daish",
    "al-Qaida | al-Qaeda | al Qaeda | Al Qaeda | Al-Qaeda | Al-Qaida | al-Qa'ida | Al Qaida",
    "al-Qaida in the Arabian Peninsula | al-Qaeda in the Arabian Peninsula | AQAP",
    "al-Qaida in the Islamic Maghreb | al-Qaeda in the Islamic Maghreb | AQIM",
    "al-Qaida in Iraq | al-Qaeda in Iraq | AQI", "Jabhat al-Nusra | al-Nusra Front | Nusra Front | Jabhat Fateh al-Sham",
    "Hayat Tahrir al-Sham | HTS", "Taliban | Afghan Taliban", "Pakistani Taliban | Tehrik-i-Taliban Pakistan | TTP",
    "Haqqani network", "Lashkar-e-Taiba | LeT", "Jaish-e-Mohammed | JeM", "Boko Haram", "al-Shabaab | al-Shabab | Al-Shabaab | Shabaab",
    "Abu Sayyaf", "Jemaah Islamiyah", "Ansar al-Sharia", "Ansar Bait al-Maqdis", "Houthis | Houthi rebels | Ansar Allah",
    "Kurdistan Workers' Party | PKK", "YPG | People's Protection Units", "SDF | Syrian Democratic Forces",
    "Peshmerga", "Free Syrian Army | FSA", "Hashd al-Shaabi | Popular Mobilisation Forces | Popular Mobilization Forces",
    "IRA | Irish Republican Army", "Real IRA", "ETA", "FARC", "ELN", "Shining Path", "Tamil Tigers | LTTE",
    "Muslim Brotherhood", "Hizb ut-Tahrir", "al-Muhajiroun", "National Action", "Ku Klux Klan | KKK",
    "Conservative Party | Conservatives | Tories", "Labour Party | Labour", "Liberal Democrats | Lib Dems",
    "Scottish National Party | SNP", "UK Independence Party | UKIP | Ukip", "Democratic Unionist Party | DUP", "Sinn Fein | Sinn Féin",
    "Democratic Party | Democrats", "Republican Party | Republicans | GOP",
    "Christian Democratic Union | CDU", "Social Democratic Party | SPD", "Alternative for Germany | AfD",
    "National Front | Front National", "Socialist Party", "Les Republicains | Les Républicains", "En Marche",
    "Likud", "Bharatiya Janata Party | BJP", "Indian National Congress | Congress party",
    "African National Congress | ANC", "Communist Party", "United Russia", "Justice and Development Party | AKP",
    "Reuters", "Associated Press | AP", "Agence France-Presse | AFP", "BBC", "CNN", "Al Jazeera | al-Jazeera",
    "Guardian", "New York Times", "Washington Post", "Wall Street Journal", "Financial Times",
    "Google", "Facebook", "Twitter", "Apple", "Microsoft", "Amazon.com", "YouTube", "Telegram",
]

# Nationality adjectives and plurals, keyed by canonical country name.
DEMONYMS = {
    "United Kingdom": ["British", "Briton", "Britons", "Brit", "Brits"], "United States": ["American", "Americans"],
    "France": ["French", "Frenchman", "Frenchmen", "Frenchwoman"], "Belgium": ["Belgian", "Belgians"],
    "Germany": ["German", "Germans"], "Italy": ["Italian", "Italians"], "Spain": ["Spanish", "Spaniard", "Spaniards"],
    "Portugal": ["Portuguese"], "Netherlands": ["Dutch", "Dutchman"], "Russia": ["Russian", "Russians"],
    "Ukraine": ["Ukrainian", "Ukrainians"], "Poland": ["Polish", "Pole", "Poles"], "Greece": ["Greek", "Greeks"],
    "Turkey": ["Turkish", "Turk", "Turks"], "Syria": ["Syrian", "Syrians"], "Iraq": ["Iraqi", "Iraqis"],
    "Iran": ["Iranian", "Iranians"], "Afghanistan": ["Afghan", "Afghans"], "Pakistan": ["Pakistani", "Pakistanis"],
    "India": ["Indian", "Indians"], "China": ["Chinese"], "Japan": ["Japanese"], "South Korea": ["South Korean", "South Koreans"],
    "North Korea": ["North Korean", "North Koreans"], "Israel": ["Israeli", "Israelis"],
    "Palestinian Territories": ["Palestinian", "Palestinians"], "Lebanon": ["Lebanese"], "Jordan": ["Jordanian", "Jordanians"],
    "Egypt": ["Egyptian", "Egyptians"], "Libya": ["Libyan", "Libyans"], "Tunisia": ["Tunisian", "Tunisians"],
    "Algeria": ["Algerian", "Algerians"], "Morocco": ["Moroccan", "Moroccans"], "Saudi Arabia": ["Saudi", "Saudis"],
    "Yemen": ["Yemeni", "Yemenis"], "Somalia": ["Somali", "Somalis"], "Nigeria": ["Nigerian", "Nigerians"],
    "Kenya": ["Kenyan", "Kenyans"], "Ethiopia": ["Ethiopian", "Ethiopians"], "South Africa": ["South African", "South Africans"],
    "Canada": ["Canadian", "Canadians"], "Mexico": ["Mexican", "Mexicans"], "Brazil": ["Brazilian", "Brazilians"],
    "Argentina": ["Argentine", "Argentinian", "Argentines"], "Australia": ["Australian", "Australians"],
    "New Zealand": ["New Zealander", "New Zealanders"], "Ireland": ["Irish"], "Sweden": ["Swedish", "Swede", "Swedes"],
    "Norway": ["Norwegian", "Norwegians"], "Denmark": ["Danish", "Dane", "Danes"], "Finland": ["Finnish", "Finn", "Finns"],
    "Switzerland": ["Swiss"], "Austria": ["Austrian", "Austrians"], "Hungary": ["Hungarian", "Hungarians"],
    "Serbia": ["Serbian", "Serb", "Serbs"], "Croatia": ["Croatian", "Croat", "Croats"], "Bosnia and Herzegovina": ["Bosnian", "Bosnians"],
    "Kosovo": ["Kosovar", "Kosovars"], "Albania": ["Albanian", "Albanians"], "Romania": ["Romanian", "Romanians"],
    "Bulgaria": ["Bulgarian", "Bulgarians"], "Czech Republic": ["Czech", "Czechs"], "Slovakia": ["Slovak", "Slovaks"],
    "Indonesia": ["Indonesian", "Indonesians"], "Malaysia": ["Malaysian", "Malaysians"], "Philippines": ["Filipino", "Filipinos"],
    "Thailand": ["Thai"], "Vietnam": ["Vietnamese"], "Myanmar": ["Burmese"], "Bangladesh": ["Bangladeshi", "Bangladeshis"],
    "Sri Lanka": ["Sri Lankan", "Sri Lankans"], "Cuba": ["Cuban", "Cubans"], "Venezuela": ["Venezuelan", "Venezuelans"],
    "Colombia": ["Colombian", "Colombians"], "Chile": ["Chilean", "Chileans"], "Peru": ["Peruvian", "Peruvians"],
}
