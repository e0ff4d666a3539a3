"""The Vietnamese of the words the book's charts and tables print, keyed by the English.

gettext cannot reach text drawn by code, so this small message table does its job
for the charts: `vnsmartcity.labels.words` looks a chart's English words up here on
a Vietnamese page. Templates keep their ``{placeholders}``, filled with numbers
already written the page's way. Names of documents follow Vietnamese usage
(Quyết định 950/QĐ-TTg, Bộ Xây dựng).
"""

from __future__ import annotations

VIETNAMESE: dict[str, str] = {
    # shared
    "India": "Ấn Độ",
    "Vietnam": "Việt Nam",
    "France": "Pháp",
    "Korea": "Hàn Quốc",
    "Vietnam and Korea": "Việt Nam và Hàn Quốc",
    "Year": "Năm",
    "cities": "thành phố",
    "provinces": "tỉnh",
    "firms": "doanh nghiệp",
    "{value} of {total} {unit}": "{value}/{total} {unit}",
    "{when} (year only)": "{when} (chỉ biết năm)",
    # chapter 1: the domains
    "Vietnamese (article 001)": "Lĩnh vực (bài 001)",
    "Giffinger et al. (2007), context": "Giffinger và cộng sự (2007), bối cảnh",
    "What it covers (course team)": "Nội dung (nhóm biên soạn)",
    "Initiatives named in the articles": "Số sáng kiến được các bài báo nêu",
    "Domain": "Lĩnh vực",
    "Smart-city initiatives in the course data,\nby main domain":
        "Các sáng kiến đô thị thông minh trong dữ liệu\ncủa khóa học, theo lĩnh vực chính",
    # chapter 2: the documents and their targets
    "Document number": "Số hiệu",
    "Type": "Loại văn bản",
    "Issuer": "Cơ quan ban hành",
    "Title": "Tên văn bản",
    "Issued": "Ngày ban hành",
    "From": "Từ",
    "To": "Đến",
    "Vision": "Tầm nhìn",
    "Source": "Nguồn",
    "No document named: {metric}": "Không nêu văn bản: {metric}",
    "{n} provinces\nfrom 1 July\n2025": "{n} tỉnh, thành\ntừ 1/7/2025",
    "Smart-city documents and their target years": "Văn bản về đô thị thông minh và năm mục tiêu",
    "issued": "ngày ban hành",
    "main period": "giai đoạn chính",
    "to vision year": "đến năm tầm nhìn",
    "dated target": "mục tiêu có thời hạn",
    "doubtful claim": "tuyên bố đáng ngờ",
    # chapter 3: the localities table
    "Early scheme (named in 2017)": "Đề án sớm (nêu tên năm 2017)",
    "Smart City Summit 2020": "Hội nghị Thượng đỉnh Thành phố thông minh 2020",
    "India webinar 2021": "Hội thảo trực tuyến với Ấn Độ 2021",
    "north": "miền Bắc",
    "central": "miền Trung",
    "central highlands": "Tây Nguyên",
    "south": "miền Nam",
    "{name} (unchanged)": "{name} (giữ nguyên)",
    "{name} (→ {after}, a centrally-run city from 1 January 2025)":
        "{name} (→ {after}, thành phố trực thuộc trung ương từ 1/1/2025)",
    "region (north to south)": "vùng (từ Bắc vào Nam)",
    "mentioned in": "được nêu trong",
    # chapter 3: the June 2022 figures; the article's own words for the vague ones
    "nearly {n}": "khoảng gần {n}",
    "more than {n}": "khoảng trên {n}",
    "{value} of {total}": "{value}/{total}",
    "Share of the {total} provinces of the time": "Tỷ lệ trên {total} tỉnh, thành phố khi đó",
    "What was counted": "Nội dung được đếm",
    "Smart-city progress in Vietnam's provinces,\n{month}":
        "Tiến độ đô thị thông minh ở các tỉnh,\n{month}",
    "exact count": "số đếm chính xác",
    "vague count (bar drawn\nat the printed number)": "số ước chừng (cột vẽ\ntheo con số được in)",
    # chapter 3: four counts
    "localities named as early movers (list left open)":
        "địa phương đi đầu (danh sách mở)",
    " (doubtful)": " (đáng ngờ)",
    "all {total} provinces of the time": "toàn bộ {total} tỉnh, thành phố khi đó",
    "Date of the report": "Ngày báo cáo",
    "Number of provinces": "Số tỉnh, thành phố",
    "Counting provinces with smart-city schemes:\nfour numbers, four definitions":
        "Đếm số tỉnh có đề án đô thị thông minh:\nbốn con số, bốn định nghĩa",
    # chapter 7: who the articles name
    "Forum workshop 1, June 2022": "Hội thảo chuyên đề 1 của diễn đàn, tháng 6/2022",
    "party": "cơ quan Đảng",
    "government": "cơ quan nhà nước",
    "association": "hiệp hội",
    "firm": "doanh nghiệp",
    "Organisations named in the article": "Số tổ chức được bài báo nêu tên",
    "Kind of organisation": "Loại tổ chức",
    "Who the two articles name,\nby kind of organisation":
        "Các tổ chức được hai bài báo nêu tên,\ntheo loại tổ chức",
    "Event": "Sự kiện",
    "Summit 2020": "Hội nghị thượng đỉnh 2020",
    "Forum 2022": "Diễn đàn 2022",
    "Topic": "Chủ đề",
    # chapter 8: targets by document
    "at least": "ít nhất",
    "some": "một số",
    "nearly": "khoảng gần",
    "more than": "khoảng trên",
    "article {n},\nno document\nnamed": "bài {n},\nkhông nêu\nvăn bản",
    " (DOUBTFUL)": " (ĐÁNG NGỜ)",
    "Year the target is due": "Năm đến hạn của mục tiêu",
    "Smart-city targets to 2030 and 2045,\nby document":
        "Mục tiêu đô thị thông minh đến năm 2030\nvà 2045, theo văn bản",
    # chapter 8: the '06' claims
    "Summit article\n(2020)": "Bài về hội nghị\nthượng đỉnh (2020)",
    "Resolution 52-NQ/TW\n(as reported in 2022)": "Nghị quyết 52-NQ/TW\n(theo báo cáo năm 2022)",
    "Forum article\n(June 2022)": "Bài về diễn đàn\n(tháng 6/2022)",
    "Smart cities by 2025": "Đô thị thông minh đến năm 2025",
    "Provinces with a smart-city scheme": "Tỉnh có đề án đô thị thông minh",
    "\n(doubtful)": "\n(đáng ngờ)",
    "Number of cities": "Số đô thị",
    "The '06' figures against the other sources": "Các con số “06” so với các nguồn khác",
    # chapter 8: a composite index of FICTIONAL cities
    "online applications (%)": "hồ sơ trực tuyến (%)",
    "fixed broadband (%)": "băng rộng cố định (%)",
    "satisfied residents (%)": "người dân hài lòng (%)",
    "took part in a consultation (%)": "có tham gia lấy ý kiến (%)",
    "City {letter} (fictional)": "Thành phố {letter} (giả định)",
    "City {letter}\n(fictional)": "Thành phố {letter}\n(giả định)",
    "city": "thành phố",
    "technology first": "ưu tiên công nghệ",
    "equal": "ngang nhau",
    "people first": "ưu tiên con người",
    "score: {name}": "điểm: {name}",
    "rank: {name}": "hạng: {name}",
    "Composite score (0 to 1)": "Điểm tổng hợp (từ 0 đến 1)",
    "Same cities, different weights,\ndifferent winners":
        "Cùng các thành phố, khác trọng số,\nkhác người đứng đầu",
    "Weights": "Trọng số",
    # chapter 9: the cases in time, and the schematic map
    "HCM City": "TP.HCM",
    "plan or decision": "kế hoạch hoặc quyết định",
    "opening, agreement, listing": "khai trương, thỏa thuận, được chọn vào danh sách",
    "Plans and openings, 2014-2026": "Kế hoạch và khai trương, 2014-2026",
    "named in the book\n(at its seat)": "được nêu trong sách\n(đặt tại tỉnh lỵ)",
    "unit it joined": "đơn vị được sáp nhập vào",
    "merged on 1 July 2025\n(arrow to the unit)":
        "sáp nhập ngày 1/7/2025\n(mũi tên chỉ đơn vị mới)",
    "Longitude (degrees east)": "Kinh độ (độ Đông)",
    "Latitude (degrees north)": "Vĩ độ (độ Bắc)",
    "Schematic map: seats, no boundaries": "Bản đồ sơ đồ: tỉnh lỵ, không vẽ ranh giới",
    # appendix: the timeline
    "agreement": "thỏa thuận",
    "conference": "hội nghị",
    "document": "văn bản",
    "exhibition": "triển lãm",
    "milestone": "mốc",
    "reform": "cải cách",
    "survey": "khảo sát",
    "webinar": "hội thảo trực tuyến",
    "workshop": "hội thảo",
    "Kind of event": "Loại sự kiện",
    "{source} (context)": "{source} (bối cảnh)",
    "date": "ngày",
    "title": "sự kiện",
    "organiser": "đơn vị tổ chức",
    "source": "nguồn",
    "chapter": "chương",
    "Smart-city events and documents,\n{first}-{last}":
        "Sự kiện và văn bản về đô thị thông minh,\n{first}-{last}",
    # chapter 4: the averages table
    "average": "giá trị trung bình",
    "value": "giá trị",
    "unit": "đơn vị",
    "investment per city": "vốn đầu tư mỗi thành phố",
    "projects per city": "số dự án mỗi thành phố",
    "investment per project": "vốn đầu tư mỗi dự án",
    "rupees per dollar implied by the two totals": "số rupee đổi một đô la suy ra từ hai tổng số",
    "million USD": "triệu USD",
    "projects": "dự án",
    "INR per USD": "INR/USD",
    # chapter 4: the grid of mission cities
    "Each square is one mission city": "Mỗi ô vuông là một thành phố của Sứ mệnh",
    "{total} cities, in rows of {side}": "{total} thành phố, mỗi hàng {side}",
    "India's mission cities with a command\nand control centre, {month}":
        "Thành phố của Sứ mệnh Ấn Độ có trung tâm\nchỉ huy và điều khiển, {month}",
    "with a centre ({n})": "có trung tâm ({n})",
    "without a centre ({n})": "chưa có trung tâm ({n})",
    # chapter 4: the two shares side by side
    "Share of the cities or provinces counted": "Tỷ lệ trên số thành phố hoặc tỉnh được tính",
    "Figure reported": "Số liệu được báo cáo",
    "Operations rooms in India and Vietnam:\ntwo figures, not one scale":
        "Phòng điều hành ở Ấn Độ và Việt Nam:\nhai số liệu, không cùng một thang đo",
    "Not directly comparable: different dates,\nunits, denominators and definitions.":
        "Không so sánh trực tiếp được: khác thời điểm,\nđơn vị, mẫu số và định nghĩa.",
    # chapter 5: the urban share
    "FORECAST for 2020, quoted\nin 2017: {share} (two thirds)":
        "DỰ BÁO cho năm 2020, đưa ra\nnăm 2017: {share} (hai phần ba)",
    "quoted for 2017:\n{share} (one third)": "số liệu nêu cho 2017:\n{share} (một phần ba)",
    "2019 census:\n{share}": "Tổng điều tra 2019:\n{share}",
    "World Bank 2020:\nabout {share}": "Ngân hàng Thế giới 2020:\nkhoảng {share}",
    "Ministry of Construction,\nend of 2020: about {share}":
        "Bộ Xây dựng, cuối năm\n2020: khoảng {share}",
    "Share of population in urban areas": "Tỷ lệ dân số sống ở đô thị",
    "Vietnam's urban share: the 2017 forecast\nagainst later measurements":
        "Tỷ lệ đô thị hóa của Việt Nam: dự báo\nnăm 2017 so với các số liệu đo sau này",
    # chapter 6: the actors table
    "Name (Vietnamese)": "Tên (tiếng Việt)",
    "Name (English)": "Tên (tiếng Anh)",
    "Country": "Quốc gia",
    "Role in the case": "Vai trò trong trường hợp này",
    # chapter 6: the timeline
    "Decision 950/QĐ-TTg\n(Scheme 950)": "Quyết định 950/QĐ-TTg\n(Đề án 950)",
    "Survey of\nKorean firms": "Khảo sát doanh nghiệp\nHàn Quốc",
    "Decision 38/QĐ-BXD\n(VKC project)": "Quyết định 38/QĐ-BXD\n(dự án VKC)",
    "Technology matching\nexhibition": "Triển lãm kết nối\ncông nghệ",
    "Matching conference\nin Hà Nội": "Hội nghị kết nối\ntại Hà Nội",
    "From Scheme 950 to the 2023\nmatching conference":
        "Từ Đề án 950 đến Hội nghị\nkết nối năm 2023",
    # chapter 6: the matching funnel
    "Korean firms\n(2021 survey)": "Doanh nghiệp Hàn Quốc\n(khảo sát 2021)",
    "Korean firms\n(2022 exhibition)": "Doanh nghiệp Hàn Quốc\n(triển lãm 2022)",
    "Vietnamese firms\n(2022 exhibition)": "Doanh nghiệp Việt Nam\n(triển lãm 2022)",
    "Technologies\n(2021 survey)": "Công nghệ\n(khảo sát 2021)",
    "Exchanges\n(2022 exhibition)": "Lượt trao đổi\n(triển lãm 2022)",
    "Possible pairs\n(2022, computed)": "Số cặp có thể\n(2022, tự tính)",
    "Number of firms": "Số doanh nghiệp",
    "Firms": "Doanh nghiệp",
    "Number": "Số lượng",
    "Technologies, exchanges, pairs": "Công nghệ, lượt trao đổi, cặp",
    "exchanges = {share}\nof possible pairs": "lượt trao đổi = {share}\nsố cặp có thể",
    "Korean–Vietnamese technology matching,\n2021-2022 (AMC's figures)":
        "Kết nối công nghệ Hàn Quốc – Việt Nam,\n2021-2022 (số liệu của AMC)",
}
