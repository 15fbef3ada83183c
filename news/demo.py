"""Demo news for `manage.py seed_demo`: categories and 42 articles with illustrations and tags.

Every story is written for its ward: seven wards, six kinds of news each (training, conferences,
supervision, solidarity, social support, campaigns), modelled on what ward Front committees
publish. Stories tied to a season are dated in it (the Ngày hội Đại đoàn kết in the first half of
November, mid-year reviews in July, scholarships at the start of the school year); the others are
spread over the last ten months. Articles go out in office hours, now and then on a Saturday
morning; a report on a demo event goes out after the event. Pictures are illustrations, captioned
as such. Organisations and events come from the committees and events demo when present. Everything
is looked up by slug first, so running twice creates nothing new.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.html import escape

from frontcms.demo import DemoRun, at, office_time, office_time_before
from frontcms.demo_images import caption, illustration
from frontcms.publishing import Status
from frontcms.text import slugify_vi

from . import demo_workflow
from .models import Article, Category, RelatedArticle

CATEGORIES = [
    # (name, parent name, description)
    ("Tin hoạt động", None, "Hoạt động của Ủy ban MTTQ Việt Nam quận và các tổ chức thành viên."),
    ("Tin phường", "Tin hoạt động", "Tin từ Ủy ban MTTQ Việt Nam các phường."),
    ("Tập huấn", None, "Các lớp tập huấn, bồi dưỡng nghiệp vụ công tác Mặt trận."),
    ("Hội nghị", None, "Hội nghị, hiệp thương, sơ kết, tổng kết."),
    ("Đại đoàn kết", None, "Ngày hội Đại đoàn kết toàn dân tộc, an sinh xã hội, quỹ Vì người nghèo."),
    ("Giám sát phản biện", None, "Giám sát, phản biện xã hội, đối thoại, tiếp xúc cử tri."),
]

DEMO_WARDS = [
    "Khương Đình",
    "Thượng Đình",
    "Khương Mai",
    "Khương Trung",
    "Nhân Chính",
    "Hạ Đình",
    "Kim Giang",
]
BYLINES = ["Minh Anh", "Thu Hà", "Quốc Huy", "Lan Phương", "Văn Toàn", "Hải Yến", "Đức Thịnh"]

# Seasons: (month, first day, last day) of the window a story of that season is dated in.
NGAY_HOI = (11, 2, 16)
MID_YEAR = (7, 6, 24)
SCHOOL_YEAR = (8, 26, 9, 12)
STORMS = (9, 15, 10, 10)
ELDERLY = (10, 1, 20)
POOR_PEAK = (10, 17, 11, 10)
BEFORE_RAINS = (4, 6, 5, 20)
NEW_YEAR = (1, 6, 20)
VOTERS = (6, 8, 24)


@dataclass
class Story:
    key: str  # stable name of the story, for the related picks
    ward: str
    category: str
    picture: str  # a pictogram of frontcms.demo_images
    title: str
    summary: str
    paragraphs: list[str]
    tags: list[str]
    season: tuple = ()
    event: str = ""  # "dialogue": the report of the ward's dialogue event of the events demo
    draft: bool = False
    figure: str = ""  # a pictogram for an illustration inside the body


STORIES = [
    # --- Khương Đình -----------------------------------------------------------------------------
    Story(
        "khuong-dinh-tap-huan",
        "Khương Đình",
        "Tập huấn",
        "training",
        "Khương Đình tập huấn kỹ năng cho Trưởng ban công tác Mặt trận khu dân cư",
        "Hơn 40 trưởng ban, phó trưởng ban công tác Mặt trận của 21 khu dân cư được hướng dẫn cách tổ chức "
        "họp dân và ghi nhận ý kiến, kiến nghị của nhân dân.",
        [
            "Ủy ban MTTQ Việt Nam phường Khương Đình vừa tổ chức lớp tập huấn nghiệp vụ cho các trưởng ban, phó "
            "trưởng ban công tác Mặt trận ở 21 khu dân cư trên địa bàn phường.",
            "Báo cáo viên của Ban Thường trực Ủy ban MTTQ Việt Nam quận giới thiệu những điểm mới của Luật Mặt "
            "trận Tổ quốc Việt Nam, cách chuẩn bị nội dung và điều hành cuộc họp khu dân cư, ghi biên bản và tổng "
            "hợp ý kiến gửi Ủy ban MTTQ phường.",
            "Nhiều trưởng ban mới được bầu cho biết lần đầu được hướng dẫn cụ thể cách phân loại kiến nghị theo "
            "thẩm quyền giải quyết, qua đó tránh tình trạng đơn thư bị chuyển qua nhiều nơi.",
        ],
        ["tập huấn", "khu dân cư"],
        figure="people",
    ),
    Story(
        "khuong-dinh-so-ket",
        "Khương Đình",
        "Hội nghị",
        "conference",
        "Ủy ban MTTQ Việt Nam phường Khương Đình sơ kết công tác 6 tháng đầu năm",
        "Sáu tháng qua, Mặt trận phường đã vận động sửa chữa 2 nhà Đại đoàn kết và tổng hợp 37 ý kiến của cử "
        "tri; nhiệm vụ trọng tâm sắp tới là rà soát hộ cận nghèo trước mùa mưa bão.",
        [
            "Ủy ban MTTQ Việt Nam phường Khương Đình vừa tổ chức hội nghị sơ kết công tác Mặt trận 6 tháng đầu năm "
            "với sự tham dự của các ủy viên Ủy ban và Trưởng ban công tác Mặt trận các khu dân cư.",
            "Theo báo cáo, Mặt trận phường đã phối hợp tổ chức 2 đợt tiếp xúc cử tri, tổng hợp 37 ý kiến, kiến nghị "
            "gửi cơ quan có thẩm quyền; Quỹ “Vì người nghèo” của phường tiếp nhận hơn 180 triệu đồng.",
            "Hội nghị thống nhất giao các Ban công tác Mặt trận rà soát lại danh sách hộ cận nghèo, người cao tuổi "
            "sống một mình để có phương án hỗ trợ kịp thời trong mùa mưa bão.",
        ],
        ["hội nghị", "sơ kết"],
        season=MID_YEAR,
    ),
    Story(
        "khuong-dinh-doi-thoai",
        "Khương Đình",
        "Giám sát phản biện",
        "dialogue",
        "Trưởng ban công tác Mặt trận Khương Đình đối thoại với Ban Thường trực Ủy ban MTTQ phường",
        "Kinh phí hoạt động của Ban công tác Mặt trận và việc tổ chức Ngày hội Đại đoàn kết là hai nội dung "
        "được nêu nhiều nhất tại hội nghị đối thoại.",
        [
            "Theo Hướng dẫn số 08/HD-MTTQ của Ban Thường trực Ủy ban MTTQ Việt Nam quận, Ban Thường trực Ủy ban "
            "MTTQ phường Khương Đình đã tổ chức hội nghị đối thoại với các Ban công tác Mặt trận khu dân cư.",
            "14 ý kiến được nêu tại hội nghị, trong đó nhiều trưởng ban đề nghị sớm cấp kinh phí hoạt động năm tới "
            "và hướng dẫn thống nhất cách tổ chức Ngày hội Đại đoàn kết ở các khu dân cư đông dân.",
            "Ban Thường trực đã trả lời trực tiếp 10 ý kiến; 4 ý kiến thuộc thẩm quyền của Ủy ban nhân dân phường "
            "được tổng hợp, chuyển đến để xem xét, giải quyết.",
        ],
        ["đối thoại", "ban công tác mặt trận"],
        event="dialogue",
    ),
    Story(
        "khuong-dinh-ngay-hoi",
        "Khương Đình",
        "Đại đoàn kết",
        "people",
        "Khu dân cư số 5 phường Khương Đình vui Ngày hội Đại đoàn kết",
        "Hơn 300 người dân cùng dự phần lễ trang trọng và phần hội với giải cờ tướng, kéo co và các tiết mục "
        "văn nghệ do chính bà con dàn dựng.",
        [
            "Hưởng ứng Ngày truyền thống Mặt trận Tổ quốc Việt Nam (18/11), Ban công tác Mặt trận khu dân cư số 5 "
            "phường Khương Đình đã tổ chức Ngày hội Đại đoàn kết toàn dân tộc tại sân nhà văn hóa.",
            "Tại phần lễ, khu dân cư báo cáo kết quả thực hiện cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn "
            "mới, đô thị văn minh”, biểu dương 12 gia đình văn hóa tiêu biểu ba năm liền.",
            "Phần hội sôi nổi với giải cờ tướng của các cụ cao tuổi, kéo co giữa các tổ dân phố và 8 tiết mục văn "
            "nghệ do chi hội phụ nữ, chi đoàn thanh niên dàn dựng.",
        ],
        ["ngày hội đại đoàn kết", "khu dân cư"],
        season=NGAY_HOI,
    ),
    Story(
        "khuong-dinh-nha-dai-doan-ket",
        "Khương Đình",
        "Tin phường",
        "house",
        "Khương Đình bàn giao nhà Đại đoàn kết cho hộ nghèo ở khu dân cư số 9",
        "Căn nhà 42 m² được xây mới sau ba tháng, từ 60 triệu đồng của Quỹ “Vì người nghèo” phường và ngày công "
        "của đoàn viên, hội viên.",
        [
            "Ủy ban MTTQ Việt Nam phường Khương Đình vừa bàn giao nhà Đại đoàn kết cho một hộ nghèo ở khu dân cư "
            "số 9, gia đình có hai người cao tuổi và một cháu nhỏ đang đi học.",
            "Căn nhà rộng 42 m², tổng kinh phí khoảng 95 triệu đồng, trong đó Quỹ “Vì người nghèo” của phường hỗ trợ "
            "60 triệu đồng; phần còn lại do họ hàng và các nhà hảo tâm đóng góp, đoàn viên thanh niên góp hơn 100 "
            "ngày công.",
            "Chủ hộ xúc động cho biết gia đình đã sống nhiều năm trong căn nhà dột nát, nay có chỗ ở kiên cố trước "
            "mùa mưa.",
        ],
        ["nhà đại đoàn kết", "vì người nghèo"],
    ),
    Story(
        "khuong-dinh-ngo-xanh",
        "Khương Đình",
        "Tin hoạt động",
        "news",
        "Khương Đình ra mắt tuyến ngõ “Xanh, sạch, không rác thải nhựa”",
        "Ngõ 214 là tuyến ngõ thứ ba của phường phân loại rác tại nguồn; các hộ tự nguyện góp thùng rác và trồng "
        "cây xanh dọc ngõ.",
        [
            "Ban công tác Mặt trận khu dân cư số 2 phường Khương Đình vừa ra mắt tuyến ngõ “Xanh, sạch, không rác "
            "thải nhựa” tại ngõ 214 với 86 hộ gia đình tham gia.",
            "Các hộ cam kết phân loại rác tại nguồn, hạn chế túi ni lông khi đi chợ và thay phiên nhau tổng vệ sinh "
            "vào sáng Chủ nhật cuối tháng.",
            "Đây là tuyến ngõ thứ ba của phường thực hiện mô hình; Ủy ban MTTQ phường sẽ tổng kết, nhân rộng ra các "
            "khu dân cư khác trong năm tới.",
        ],
        ["môi trường", "khu dân cư"],
    ),
    # --- Thượng Đình -----------------------------------------------------------------------------
    Story(
        "thuong-dinh-tap-huan",
        "Thượng Đình",
        "Tập huấn",
        "training",
        "Tập huấn nghiệp vụ cho Ban Thanh tra nhân dân phường Thượng Đình",
        "Các thành viên Ban Thanh tra nhân dân được hướng dẫn cách giám sát việc thực hiện quy chế dân chủ ở cơ "
        "sở và các công trình sửa chữa trên địa bàn.",
        [
            "Ủy ban MTTQ Việt Nam phường Thượng Đình vừa tổ chức hội nghị tập huấn nghiệp vụ cho Ban Thanh tra "
            "nhân dân và Ban Giám sát đầu tư của cộng đồng phường.",
            "Nội dung tập huấn tập trung vào quy trình giám sát, cách lập biên bản, kiến nghị xử lý sai phạm và phối "
            "hợp với Ủy ban nhân dân phường trong việc công khai các khoản đóng góp của nhân dân.",
            "Trưởng Ban Thanh tra nhân dân phường cho biết trong năm, Ban sẽ ưu tiên giám sát việc sửa chữa nhà văn "
            "hóa tổ dân phố và việc thu, chi các khoản đóng góp tự nguyện.",
        ],
        ["tập huấn", "thanh tra nhân dân"],
    ),
    Story(
        "thuong-dinh-hiep-thuong",
        "Thượng Đình",
        "Hội nghị",
        "conference",
        "Hội nghị hiệp thương cử bổ sung Ủy viên Ủy ban MTTQ Việt Nam phường Thượng Đình",
        "Hai ủy viên được cử bổ sung thay cho các đồng chí đã chuyển công tác, bảo đảm cơ cấu đại diện của các tổ "
        "chức thành viên.",
        [
            "Ủy ban MTTQ Việt Nam phường Thượng Đình khóa XVIII, nhiệm kỳ 2024-2029 vừa tổ chức hội nghị hiệp "
            "thương cử bổ sung ủy viên Ủy ban.",
            "Các đại biểu đã thống nhất hiệp thương cử bổ sung 2 ủy viên là đại diện Hội Cựu chiến binh và Đoàn "
            "Thanh niên phường, thay cho các đồng chí đã chuyển công tác.",
            "Phát biểu tại hội nghị, đại diện Thường trực Đảng ủy phường đề nghị các ủy viên mới nhanh chóng nắm bắt "
            "nhiệm vụ, phát huy vai trò cầu nối giữa tổ chức thành viên với nhân dân.",
        ],
        ["hội nghị", "hiệp thương"],
    ),
    Story(
        "thuong-dinh-giam-sat",
        "Thượng Đình",
        "Giám sát phản biện",
        "dialogue",
        "Thượng Đình giám sát việc thực hiện chính sách đối với người có công",
        "Đoàn giám sát kiểm tra hồ sơ của 64 người có công đang hưởng trợ cấp và kiến nghị rút ngắn thời gian "
        "giải quyết chế độ điều dưỡng.",
        [
            "Ban Thường trực Ủy ban MTTQ Việt Nam phường Thượng Đình vừa chủ trì, phối hợp với Hội Cựu chiến binh "
            "phường giám sát việc thực hiện chính sách đối với người có công với cách mạng.",
            "Đoàn giám sát đã kiểm tra hồ sơ của 64 người đang hưởng trợ cấp hằng tháng, trực tiếp gặp gỡ một số "
            "gia đình chính sách ở khu dân cư số 1 và số 4.",
            "Kết luận giám sát ghi nhận việc chi trả trợ cấp đúng, đủ, kịp thời; đồng thời kiến nghị Ủy ban nhân "
            "dân phường rút ngắn thời gian lập hồ sơ điều dưỡng và thường xuyên cập nhật danh sách.",
        ],
        ["giám sát", "người có công"],
        figure="dialogue",
    ),
    Story(
        "thuong-dinh-ngay-hoi",
        "Thượng Đình",
        "Đại đoàn kết",
        "people",
        "Thượng Đình: Ngày hội Đại đoàn kết ở khu dân cư số 3 hướng về hộ khó khăn",
        "Khu dân cư trao 15 suất quà cho hộ cận nghèo và ký cam kết giữ gìn an ninh trật tự, vệ sinh môi trường "
        "ngay trong ngày hội.",
        [
            "Ban công tác Mặt trận khu dân cư số 3 phường Thượng Đình vừa tổ chức Ngày hội Đại đoàn kết toàn dân "
            "tộc với sự tham dự của lãnh đạo Đảng ủy, Ủy ban MTTQ phường và đông đảo nhân dân.",
            "Ngày hội năm nay dành phần lớn kinh phí cho các hộ khó khăn: 15 suất quà được trao cho hộ cận nghèo, "
            "người cao tuổi neo đơn; các cháu học sinh giỏi được khen thưởng kịp thời.",
            "Đại diện các hộ gia đình đã ký cam kết giữ gìn an ninh trật tự, vệ sinh môi trường và không để xảy ra "
            "cháy nổ trong khu dân cư.",
        ],
        ["ngày hội đại đoàn kết", "an sinh xã hội"],
        season=NGAY_HOI,
    ),
    Story(
        "thuong-dinh-hoc-bong",
        "Thượng Đình",
        "Tin phường",
        "training",
        "Trao 30 suất học bổng cho học sinh vượt khó phường Thượng Đình",
        "Mỗi suất học bổng gồm 1,5 triệu đồng và bộ sách giáo khoa, do các doanh nghiệp trên địa bàn đóng góp qua "
        "Quỹ “Vì người nghèo”.",
        [
            "Nhân dịp năm học mới, Ủy ban MTTQ Việt Nam phường Thượng Đình đã trao 30 suất học bổng cho học sinh "
            "có hoàn cảnh khó khăn, vươn lên trong học tập.",
            "Mỗi suất học bổng gồm 1,5 triệu đồng tiền mặt và bộ sách giáo khoa, do các doanh nghiệp, hộ kinh doanh "
            "trên địa bàn phường đóng góp qua Quỹ “Vì người nghèo”.",
            "Nhiều em trong số này là con của hộ nghèo, hộ cận nghèo hoặc mồ côi, được các Ban công tác Mặt trận khu "
            "dân cư giới thiệu sau khi rà soát ở từng tổ dân phố.",
        ],
        ["học bổng", "an sinh xã hội"],
        season=SCHOOL_YEAR,
    ),
    Story(
        "thuong-dinh-bao-lu",
        "Thượng Đình",
        "Tin hoạt động",
        "people",
        "Thượng Đình quyên góp hơn 210 triệu đồng ủng hộ đồng bào bị bão lũ",
        "Sau một tuần phát động, Ủy ban MTTQ phường tiếp nhận hơn 210 triệu đồng và khoảng 3 tấn hàng hóa từ cán "
        "bộ, hội viên và nhân dân.",
        [
            "Hưởng ứng lời kêu gọi của Ủy ban Trung ương MTTQ Việt Nam, Ủy ban MTTQ Việt Nam phường Thượng Đình đã "
            "phát động cán bộ, hội viên và nhân dân ủng hộ đồng bào các tỉnh bị thiệt hại do bão lũ.",
            "Chỉ sau một tuần, phường đã tiếp nhận hơn 210 triệu đồng cùng khoảng 3 tấn gạo, nước uống, quần áo và "
            "thuốc men; toàn bộ tiền ủng hộ được chuyển vào tài khoản của Ủy ban MTTQ Việt Nam thành phố.",
            "Ủy ban MTTQ phường công khai danh sách, số tiền ủng hộ tại trụ sở và trên bảng tin của các khu dân cư "
            "để nhân dân theo dõi.",
        ],
        ["cứu trợ", "tương thân tương ái"],
        season=STORMS,
    ),
    # --- Khương Mai ------------------------------------------------------------------------------
    Story(
        "khuong-mai-hoa-giai",
        "Khương Mai",
        "Tập huấn",
        "training",
        "Khương Mai bồi dưỡng kỹ năng hòa giải ở cơ sở cho cán bộ Mặt trận",
        "Các tổ hòa giải được hướng dẫn nhận diện sớm mâu thuẫn về lối đi chung, tiếng ồn và vật nuôi trong khu "
        "dân cư để hòa giải ngay từ đầu.",
        [
            "Ủy ban MTTQ Việt Nam phường Khương Mai phối hợp với Phòng Tư pháp quận tổ chức lớp bồi dưỡng kỹ năng "
            "hòa giải ở cơ sở cho gần 70 tổ viên tổ hòa giải và cán bộ Mặt trận.",
            "Báo cáo viên phân tích nhiều tình huống thường gặp như tranh chấp lối đi chung, tiếng ồn từ hoạt động "
            "kinh doanh, nuôi chó thả rông; hướng dẫn cách nghe hai bên trình bày và lập biên bản hòa giải thành.",
            "Năm qua, các tổ hòa giải của phường đã hòa giải thành 23 trong số 27 vụ việc, góp phần giữ gìn tình "
            "làng nghĩa xóm.",
        ],
        ["tập huấn", "hòa giải"],
    ),
    Story(
        "khuong-mai-nguoi-cao-tuoi",
        "Khương Mai",
        "Hội nghị",
        "conference",
        "Hội nghị liên tịch bàn phối hợp chăm lo người cao tuổi tại Khương Mai",
        "Mặt trận, Hội Người cao tuổi và Trạm Y tế phường thống nhất khám sức khỏe miễn phí mỗi quý cho người từ "
        "75 tuổi trở lên.",
        [
            "Ban Thường trực Ủy ban MTTQ Việt Nam phường Khương Mai vừa chủ trì hội nghị liên tịch với Hội Người cao "
            "tuổi, Hội Chữ thập đỏ và Trạm Y tế phường.",
            "Theo số liệu rà soát, phường có hơn 1.900 người cao tuổi, trong đó 46 người sống một mình; nhiều cụ gặp "
            "khó khăn khi đi khám bệnh và làm thủ tục hành chính.",
            "Hội nghị thống nhất tổ chức khám sức khỏe miễn phí mỗi quý cho người từ 75 tuổi trở lên và giao các Ban "
            "công tác Mặt trận phân công người thường xuyên thăm hỏi các cụ sống một mình.",
        ],
        ["người cao tuổi", "hội nghị"],
    ),
    Story(
        "khuong-mai-doi-thoai",
        "Khương Mai",
        "Giám sát phản biện",
        "dialogue",
        "Đối thoại với các Ban công tác Mặt trận phường Khương Mai: kiến nghị về phụ cấp và tài liệu",
        "Mười ý kiến được nêu tại hội nghị; Ban Thường trực Ủy ban MTTQ phường trả lời trực tiếp 6 ý kiến và chuyển "
        "4 ý kiến đến Ủy ban nhân dân phường.",
        [
            "Ban Thường trực Ủy ban MTTQ Việt Nam phường Khương Mai đã tổ chức hội nghị đối thoại với Trưởng ban "
            "công tác Mặt trận các khu dân cư, theo hướng dẫn của Ban Thường trực Ủy ban MTTQ Việt Nam quận.",
            "Các trưởng ban kiến nghị điều chỉnh mức phụ cấp cho phù hợp với khối lượng công việc, cung cấp tài liệu "
            "tuyên truyền kịp thời hơn và hướng dẫn quy trình tiếp nhận, chuyển đơn thư của nhân dân.",
            "Ban Thường trực đã trả lời trực tiếp 6 ý kiến; các ý kiến về chế độ phụ cấp được tổng hợp, báo cáo Ủy "
            "ban nhân dân phường và Ủy ban MTTQ Việt Nam quận.",
        ],
        ["đối thoại", "kiến nghị"],
        event="dialogue",
    ),
    Story(
        "khuong-mai-hien-mau",
        "Khương Mai",
        "Đại đoàn kết",
        "people",
        "Khương Mai: 212 đơn vị máu trong ngày hội hiến máu tình nguyện",
        "Ngày hội do Ủy ban MTTQ và Hội Chữ thập đỏ phường tổ chức thu hút nhiều gia đình cùng đăng ký, trong đó "
        "9 người đã hiến máu từ mười lần trở lên.",
        [
            "Ủy ban MTTQ Việt Nam phường Khương Mai phối hợp với Hội Chữ thập đỏ phường tổ chức ngày hội hiến máu "
            "tình nguyện tại nhà văn hóa phường.",
            "Đã có 236 người đăng ký, trong đó 212 người đủ điều kiện hiến máu; nhiều gia đình có cả hai thế hệ cùng "
            "tham gia.",
            "Dịp này, Ban tổ chức tặng giấy khen cho 9 người đã hiến máu từ mười lần trở lên và cảm ơn các doanh "
            "nghiệp đã hỗ trợ suất ăn, quà tặng.",
        ],
        ["hiến máu", "nhân đạo"],
    ),
    Story(
        "khuong-mai-sinh-ke",
        "Khương Mai",
        "Tin phường",
        "people",
        "Khương Mai trao phương tiện sinh kế cho 5 hộ cận nghèo",
        "Mỗi hộ được hỗ trợ một xe bán hàng, máy khâu hoặc tủ đông trị giá khoảng 8 triệu đồng để làm ăn ngay tại "
        "nhà.",
        [
            "Ủy ban MTTQ Việt Nam phường Khương Mai vừa trao phương tiện sinh kế cho 5 hộ cận nghèo từ nguồn Quỹ "
            "“Vì người nghèo” của phường.",
            "Mỗi hộ được hỗ trợ một xe bán hàng, máy khâu hoặc tủ đông trị giá khoảng 8 triệu đồng, phù hợp với nghề "
            "mà gia đình lựa chọn sau khi được Ban công tác Mặt trận khu dân cư tư vấn.",
            "Ủy ban MTTQ phường giao các khu dân cư theo dõi, giúp đỡ các hộ trong ít nhất một năm để sinh kế phát huy "
            "hiệu quả.",
        ],
        ["vì người nghèo", "sinh kế"],
    ),
    Story(
        "khuong-mai-hang-viet",
        "Khương Mai",
        "Tin hoạt động",
        "goods",
        "Khương Mai đưa hàng Việt về chợ dân sinh",
        "Phiên chợ hàng Việt tại chợ Khương Mai giới thiệu sản phẩm của 26 doanh nghiệp, hợp tác xã với giá ưu "
        "đãi cho người dân.",
        [
            "Hưởng ứng cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”, Ủy ban MTTQ Việt Nam phường Khương "
            "Mai phối hợp với Ban quản lý chợ tổ chức phiên chợ hàng Việt.",
            "26 doanh nghiệp, hợp tác xã tham gia với các mặt hàng nông sản, thực phẩm chế biến, đồ gia dụng có nguồn "
            "gốc rõ ràng, nhiều sản phẩm được giảm giá từ 10 đến 30%.",
            "Ban tổ chức cũng hướng dẫn người dân cách kiểm tra mã truy xuất nguồn gốc bằng điện thoại để tránh mua "
            "phải hàng giả, hàng kém chất lượng.",
        ],
        ["hàng Việt", "cuộc vận động"],
        figure="goods",
    ),
    # --- Khương Trung ----------------------------------------------------------------------------
    Story(
        "khuong-trung-ky-nang-so",
        "Khương Trung",
        "Tập huấn",
        "training",
        "Khương Trung hướng dẫn kỹ năng số cho cán bộ Mặt trận khu dân cư",
        "Các trưởng ban được hướng dẫn tiếp nhận phản ánh của người dân qua ứng dụng và giúp người cao tuổi kích "
        "hoạt tài khoản định danh điện tử.",
        [
            "Ủy ban MTTQ Việt Nam phường Khương Trung phối hợp với Đoàn Thanh niên phường mở lớp hướng dẫn kỹ năng "
            "số cho cán bộ Mặt trận ở 17 khu dân cư.",
            "Các học viên được hướng dẫn tiếp nhận, chuyển phản ánh của người dân qua ứng dụng của thành phố, sử "
            "dụng nhóm trao đổi của khu dân cư và kích hoạt tài khoản định danh điện tử mức 2.",
            "Sau lớp học, mỗi khu dân cư có một tổ công nghệ số cộng đồng gồm trưởng ban công tác Mặt trận và các "
            "đoàn viên thanh niên, hỗ trợ người dân tại nhà văn hóa vào tối thứ Năm hằng tuần.",
        ],
        ["chuyển đổi số", "tập huấn"],
    ),
    Story(
        "khuong-trung-giao-ban",
        "Khương Trung",
        "Hội nghị",
        "calendar",
        "Giao ban các Ban công tác Mặt trận khu dân cư phường Khương Trung quý III",
        "Các khu dân cư báo cáo kết quả vận động Quỹ “Vì người nghèo” và thống nhất lịch tổ chức Ngày hội Đại đoàn "
        "kết năm nay.",
        [
            "Ban Thường trực Ủy ban MTTQ Việt Nam phường Khương Trung vừa tổ chức hội nghị giao ban với Trưởng ban "
            "công tác Mặt trận 17 khu dân cư.",
            "Trong quý, các khu dân cư đã vận động được hơn 95 triệu đồng ủng hộ Quỹ “Vì người nghèo”, phối hợp hòa "
            "giải thành 6 vụ việc và giới thiệu 12 hộ đủ điều kiện xét hỗ trợ sửa chữa nhà.",
            "Hội nghị thống nhất lịch tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở từng khu dân cư, bảo đảm không "
            "trùng nhau để lãnh đạo phường có thể tham dự.",
        ],
        ["giao ban", "ban công tác mặt trận"],
        season=(10, 2, 14),
    ),
    Story(
        "khuong-trung-giam-sat-truong",
        "Khương Trung",
        "Giám sát phản biện",
        "dialogue",
        "Giám sát công trình cải tạo Trường mầm non Khương Trung",
        "Ban Giám sát đầu tư của cộng đồng phát hiện một số hạng mục chống thấm chưa đúng thiết kế và đề nghị nhà "
        "thầu khắc phục trước khi nghiệm thu.",
        [
            "Ban Giám sát đầu tư của cộng đồng phường Khương Trung, dưới sự chỉ đạo của Ủy ban MTTQ phường, đã giám "
            "sát công trình cải tạo Trường mầm non Khương Trung.",
            "Qua kiểm tra thực tế, Ban phát hiện lớp chống thấm tại khu vệ sinh tầng 2 chưa đúng thiết kế, một số vị "
            "trí ốp lát chưa bảo đảm chất lượng.",
            "Ban Giám sát đã kiến nghị chủ đầu tư yêu cầu nhà thầu khắc phục trước khi nghiệm thu và công khai kết "
            "quả giám sát tại hội nghị của khu dân cư.",
        ],
        ["giám sát", "đầu tư cộng đồng"],
        season=(7, 25, 8, 20),
    ),
    Story(
        "khuong-trung-ngay-hoi",
        "Khương Trung",
        "Đại đoàn kết",
        "people",
        "Khu dân cư số 7 phường Khương Trung khánh thành sân chơi trong Ngày hội Đại đoàn kết",
        "Sân chơi gần 300 m² cho trẻ em do 240 hộ dân góp công, góp của cải tạo được khánh thành ngay trong ngày "
        "hội.",
        [
            "Hướng tới Ngày truyền thống Mặt trận Tổ quốc Việt Nam, khu dân cư số 7 phường Khương Trung đã tổ chức "
            "Ngày hội Đại đoàn kết toàn dân tộc.",
            "Điểm nhấn của ngày hội là khánh thành sân chơi cho trẻ em rộng gần 300 m², do 240 hộ dân đóng góp hơn "
            "70 triệu đồng cùng nhiều ngày công cải tạo.",
            "Khu dân cư cũng biểu dương 10 gia đình văn hóa tiêu biểu và trao 12 suất quà cho các hộ có hoàn cảnh "
            "khó khăn.",
        ],
        ["ngày hội đại đoàn kết", "khu dân cư"],
        season=NGAY_HOI,
    ),
    Story(
        "khuong-trung-sua-nha",
        "Khương Trung",
        "Tin phường",
        "house",
        "Khương Trung hỗ trợ sửa chữa nhà cho 3 hộ có hoàn cảnh khó khăn",
        "Ba căn nhà xuống cấp được thay mái, chống thấm trước mùa mưa với tổng kinh phí 75 triệu đồng từ Quỹ "
        "“Vì người nghèo”.",
        [
            "Ủy ban MTTQ Việt Nam phường Khương Trung vừa hoàn thành việc hỗ trợ sửa chữa nhà cho 3 hộ có hoàn cảnh "
            "đặc biệt khó khăn ở các khu dân cư số 4, số 11 và số 15.",
            "Các căn nhà được thay mái tôn, chống thấm tường và sửa lại hệ thống điện; tổng kinh phí 75 triệu đồng "
            "được trích từ Quỹ “Vì người nghèo” của phường.",
            "Các Ban công tác Mặt trận khu dân cư đã vận động thêm thợ xây trong khu giúp ngày công, để công trình "
            "hoàn thành trong ba tuần.",
        ],
        ["vì người nghèo", "an sinh xã hội"],
        season=BEFORE_RAINS,
    ),
    Story(
        "khuong-trung-chu-nhat-xanh",
        "Khương Trung",
        "Tin hoạt động",
        "news",
        "Gần 1.000 người ra quân “Ngày Chủ nhật xanh” ở Khương Trung",
        "Người dân, đoàn viên, hội viên dọn vệ sinh, khơi thông cống rãnh và trồng mới 150 cây xanh tại các tuyến "
        "ngõ, khu vực công cộng.",
        [
            "Ủy ban MTTQ Việt Nam phường Khương Trung phối hợp với Ủy ban nhân dân phường phát động “Ngày Chủ nhật "
            "xanh” tại 17 khu dân cư.",
            "Gần 1.000 người dân, đoàn viên, hội viên đã ra quân thu gom rác thải, khơi thông cống rãnh, trồng mới "
            "150 cây xanh và bồn hoa tại các tuyến ngõ.",
            "Ủy ban MTTQ phường đề nghị các Ban công tác Mặt trận duy trì hoạt động vào Chủ nhật cuối mỗi tháng, gắn "
            "với việc bình xét gia đình văn hóa cuối năm.",
        ],
        ["môi trường", "ngày chủ nhật xanh"],
    ),
    # --- Nhân Chính ------------------------------------------------------------------------------
    Story(
        "nhan-chinh-tiep-xuc-cu-tri",
        "Nhân Chính",
        "Tập huấn",
        "training",
        "Nhân Chính tập huấn kỹ năng tổ chức tiếp xúc cử tri",
        "Cán bộ Mặt trận được hướng dẫn chuẩn bị hội nghị tiếp xúc cử tri, ghi nhận đầy đủ và theo dõi việc trả "
        "lời kiến nghị.",
        [
            "Ủy ban MTTQ Việt Nam phường Nhân Chính vừa tổ chức lớp tập huấn kỹ năng tổ chức hội nghị tiếp xúc cử tri "
            "cho ủy viên Ủy ban và Trưởng ban công tác Mặt trận các khu dân cư.",
            "Học viên được hướng dẫn các bước chuẩn bị địa điểm, thông báo, mời cử tri; cách điều hành để cử tri phát "
            "biểu ngắn gọn, đúng trọng tâm và cách tổng hợp ý kiến theo từng lĩnh vực.",
            "Ủy ban MTTQ phường cũng giới thiệu sổ theo dõi việc trả lời kiến nghị, giúp các khu dân cư thông tin lại "
            "cho cử tri tại lần tiếp xúc kế tiếp.",
        ],
        ["tập huấn", "tiếp xúc cử tri"],
    ),
    Story(
        "nhan-chinh-hoi-nghi-lan-4",
        "Nhân Chính",
        "Hội nghị",
        "conference",
        "Hội nghị Ủy ban MTTQ Việt Nam phường Nhân Chính lần thứ 4, khóa XVIII",
        "Hội nghị đặt mục tiêu không còn hộ nghèo theo chuẩn của thành phố; mỗi khu dân cư nhận đỡ đầu ít nhất một "
        "hộ cận nghèo.",
        [
            "Ủy ban MTTQ Việt Nam phường Nhân Chính khóa XVIII, nhiệm kỳ 2024-2029 vừa tổ chức Hội nghị lần thứ 4.",
            "Hội nghị đã đánh giá kết quả thực hiện chương trình phối hợp và thống nhất hành động, thông qua kế hoạch "
            "giám sát, phản biện xã hội và cho ý kiến vào báo cáo tổng hợp ý kiến, kiến nghị của cử tri.",
            "Các ủy viên thống nhất đặt mục tiêu không còn hộ nghèo theo chuẩn của thành phố trên địa bàn phường, mỗi "
            "khu dân cư nhận đỡ đầu ít nhất một hộ cận nghèo.",
        ],
        ["hội nghị", "chương trình phối hợp"],
    ),
    Story(
        "nhan-chinh-phan-bien-via-he",
        "Nhân Chính",
        "Giám sát phản biện",
        "dialogue",
        "Mặt trận phường Nhân Chính phản biện phương án chỉnh trang vỉa hè",
        "Nhiều ý kiến đề nghị giữ lại cây xanh hiện có và bố trí lối đi cho người khuyết tật khi cải tạo vỉa hè ba "
        "tuyến phố.",
        [
            "Ủy ban MTTQ Việt Nam phường Nhân Chính vừa tổ chức hội nghị phản biện xã hội đối với dự thảo phương án "
            "chỉnh trang vỉa hè trên ba tuyến phố của phường.",
            "Các ý kiến cơ bản đồng tình với chủ trương, đồng thời đề nghị giữ lại cây xanh hiện có, bố trí lối đi "
            "cho người khuyết tật và công khai thời gian thi công để người dân, hộ kinh doanh chủ động.",
            "Ủy ban MTTQ phường đã tổng hợp 18 ý kiến phản biện, gửi Ủy ban nhân dân phường để hoàn thiện phương án "
            "trước khi trình cấp có thẩm quyền.",
        ],
        ["phản biện xã hội", "đô thị"],
        figure="conference",
    ),
    Story(
        "nhan-chinh-nguoi-cao-tuoi",
        "Nhân Chính",
        "Đại đoàn kết",
        "people",
        "Nhân Chính thăm, tặng quà người cao tuổi sống một mình",
        "Nhân Tháng hành động vì người cao tuổi, Mặt trận phường cùng các đoàn thể đến thăm, tặng quà 46 cụ sống "
        "một mình trên địa bàn.",
        [
            "Nhân Tháng hành động vì người cao tuổi Việt Nam, Ủy ban MTTQ Việt Nam phường Nhân Chính phối hợp với "
            "Hội Người cao tuổi phường đến thăm, tặng quà các cụ sống một mình.",
            "46 suất quà, mỗi suất trị giá 500 nghìn đồng, được trao tận nhà; đoàn cũng hỏi thăm sức khỏe, ghi nhận "
            "những khó khăn trong sinh hoạt hằng ngày của các cụ.",
            "Ủy ban MTTQ phường đề nghị các Ban công tác Mặt trận duy trì việc phân công đoàn viên, hội viên thường "
            "xuyên thăm hỏi để kịp thời hỗ trợ khi các cụ ốm đau.",
        ],
        ["người cao tuổi", "an sinh xã hội"],
        season=ELDERLY,
    ),
    Story(
        "nhan-chinh-bao-hiem-y-te",
        "Nhân Chính",
        "Tin phường",
        "people",
        "Nhân Chính trao 120 thẻ bảo hiểm y tế cho người có hoàn cảnh khó khăn",
        "Kinh phí mua thẻ từ Quỹ “Vì người nghèo” của phường và các nhà hảo tâm giúp người thuộc hộ cận nghèo yên "
        "tâm khi đi khám, chữa bệnh.",
        [
            "Ủy ban MTTQ Việt Nam phường Nhân Chính phối hợp với Bảo hiểm xã hội quận trao 120 thẻ bảo hiểm y tế cho "
            "người thuộc hộ cận nghèo và người có hoàn cảnh khó khăn.",
            "Kinh phí mua thẻ được hỗ trợ từ Quỹ “Vì người nghèo” của phường và sự đóng góp của các nhà hảo tâm, giúp "
            "người dân yên tâm khi đi khám, chữa bệnh.",
            "Các Ban công tác Mặt trận khu dân cư tiếp tục rà soát những người chưa có thẻ để đề xuất hỗ trợ trong "
            "đợt tới.",
        ],
        ["bảo hiểm y tế", "vì người nghèo"],
    ),
    Story(
        "nhan-chinh-hang-viet",
        "Nhân Chính",
        "Tin hoạt động",
        "goods",
        "Thêm 35 hộ kinh doanh ở Nhân Chính cam kết ưu tiên bán hàng Việt",
        "Sơ kết 6 tháng cuộc vận động, số hộ kinh doanh cam kết bày bán hàng Việt có nguồn gốc rõ ràng đã lên 120 "
        "hộ.",
        [
            "Ban Chỉ đạo cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam” phường Nhân Chính vừa sơ kết 6 "
            "tháng đầu năm.",
            "Trong 6 tháng, có thêm 35 hộ kinh doanh ký cam kết ưu tiên bày bán hàng Việt có nguồn gốc rõ ràng, nâng "
            "tổng số hộ tham gia lên 120; các chi hội phụ nữ tổ chức 4 buổi giới thiệu sản phẩm an toàn.",
            "Ban Chỉ đạo đề nghị tăng cường tuyên truyền trên nhóm trao đổi của khu dân cư và phối hợp kiểm tra, nhắc "
            "nhở các hộ bán hàng không rõ nguồn gốc.",
        ],
        ["hàng Việt", "cuộc vận động"],
        season=MID_YEAR,
    ),
    # --- Hạ Đình ---------------------------------------------------------------------------------
    Story(
        "ha-dinh-tap-huan-giam-sat",
        "Hạ Đình",
        "Tập huấn",
        "training",
        "Hạ Đình tập huấn công tác giám sát, phản biện xã hội",
        "Ủy viên Ủy ban MTTQ phường được hướng dẫn chọn nội dung giám sát sát với điều người dân quan tâm như an "
        "toàn thực phẩm và trật tự đô thị.",
        [
            "Ủy ban MTTQ Việt Nam phường Hạ Đình vừa tổ chức hội nghị tập huấn công tác giám sát và phản biện xã hội "
            "cho ủy viên Ủy ban và cán bộ các đoàn thể.",
            "Báo cáo viên hướng dẫn cách lựa chọn nội dung giám sát, xây dựng kế hoạch, thành lập đoàn và kiến nghị "
            "sau giám sát; phân biệt giám sát của Mặt trận với kiểm tra, thanh tra của cơ quan nhà nước.",
            "Năm nay, Ủy ban MTTQ phường dự kiến giám sát chuyên đề về an toàn thực phẩm tại bếp ăn trường học và "
            "việc quản lý trật tự đô thị trên các tuyến phố.",
        ],
        ["tập huấn", "giám sát"],
    ),
    Story(
        "ha-dinh-trien-khai-nhiem-vu",
        "Hạ Đình",
        "Hội nghị",
        "conference",
        "Hạ Đình triển khai nhiệm vụ công tác Mặt trận năm {year}",
        "Ba nhiệm vụ trọng tâm được đề ra: nâng chất lượng hoạt động của Ban công tác Mặt trận, đẩy mạnh giám sát "
        "và chăm lo cho hộ khó khăn.",
        [
            "Ủy ban MTTQ Việt Nam phường Hạ Đình vừa tổ chức hội nghị triển khai nhiệm vụ công tác Mặt trận năm "
            "{year}.",
            "Năm qua, Mặt trận phường đã vận động hơn 320 triệu đồng cho Quỹ “Vì người nghèo”, hỗ trợ xây, sửa 3 nhà "
            "Đại đoàn kết và tổ chức 5 cuộc giám sát chuyên đề.",
            "Năm {year}, phường tập trung nâng chất lượng hoạt động của các Ban công tác Mặt trận khu dân cư, đẩy mạnh "
            "giám sát và phản biện xã hội, chăm lo tốt hơn cho hộ nghèo, hộ cận nghèo.",
        ],
        ["hội nghị", "nhiệm vụ năm"],
        season=NEW_YEAR,
    ),
    Story(
        "ha-dinh-cu-tri",
        "Hạ Đình",
        "Giám sát phản biện",
        "dialogue",
        "Cử tri Hạ Đình kiến nghị xử lý ngập úng ở ngõ 99",
        "Tại buổi tiếp xúc với đại biểu Hội đồng nhân dân quận, nhiều cử tri đề nghị sớm cải tạo hệ thống thoát "
        "nước và hạn chế xe tải trọng lớn vào ngõ.",
        [
            "Ủy ban MTTQ Việt Nam phường Hạ Đình phối hợp tổ chức hội nghị tiếp xúc cử tri với đại biểu Hội đồng "
            "nhân dân quận trước kỳ họp giữa năm.",
            "Cử tri phản ánh tình trạng ngập úng kéo dài ở ngõ 99 mỗi khi mưa lớn, xe tải trọng lớn đi vào ngõ nhỏ "
            "gây hư hỏng mặt đường và tiếng ồn vào ban đêm.",
            "Đại biểu Hội đồng nhân dân quận đã tiếp thu, giải trình một số ý kiến; các kiến nghị còn lại được Ủy ban "
            "MTTQ phường tổng hợp gửi Thường trực Hội đồng nhân dân quận.",
        ],
        ["tiếp xúc cử tri", "kiến nghị"],
        season=VOTERS,
    ),
    Story(
        "ha-dinh-ngay-hoi",
        "Hạ Đình",
        "Đại đoàn kết",
        "people",
        "Khu dân cư số 2 phường Hạ Đình: Ngày hội của những gia đình văn hóa",
        "Khu dân cư có 96% hộ đạt danh hiệu gia đình văn hóa; ngày hội dành nhiều thời gian cho các tiết mục của "
        "thiếu nhi và người cao tuổi.",
        [
            "Khu dân cư số 2 phường Hạ Đình đã tổ chức Ngày hội Đại đoàn kết toàn dân tộc với chủ đề “Đoàn kết, "
            "nghĩa tình, văn minh”.",
            "Năm nay, 96% hộ gia đình trong khu dân cư đạt danh hiệu gia đình văn hóa, không có trường hợp vi phạm "
            "pháp luật nghiêm trọng; quỹ khuyến học của khu tiếp tục được duy trì.",
            "Phần hội có các tiết mục hát, múa của thiếu nhi, câu lạc bộ dưỡng sinh người cao tuổi và mâm cơm đoàn "
            "kết do các chi hội cùng chuẩn bị.",
        ],
        ["ngày hội đại đoàn kết", "gia đình văn hóa"],
        season=NGAY_HOI,
        figure="people",
    ),
    Story(
        "ha-dinh-nha-dai-doan-ket",
        "Hạ Đình",
        "Tin phường",
        "house",
        "Hạ Đình bàn giao nhà Đại đoàn kết cho gia đình thương binh",
        "Căn nhà được xây lại trên nền nhà cũ đã xuống cấp, với 50 triệu đồng từ Quỹ “Vì người nghèo” của quận và "
        "sự hỗ trợ của Hội Cựu chiến binh.",
        [
            "Ủy ban MTTQ Việt Nam phường Hạ Đình đã bàn giao nhà Đại đoàn kết cho gia đình một thương binh ở khu dân "
            "cư số 6.",
            "Căn nhà được xây lại trên nền nhà cũ đã xuống cấp nghiêm trọng, tổng kinh phí hơn 110 triệu đồng; Quỹ "
            "“Vì người nghèo” của quận hỗ trợ 50 triệu đồng, Hội Cựu chiến binh phường vận động thêm 30 triệu đồng.",
            "Lãnh đạo phường đề nghị các Ban công tác Mặt trận tiếp tục rà soát, kịp thời phát hiện các gia đình chính "
            "sách, hộ nghèo đang ở nhà tạm để có kế hoạch hỗ trợ.",
        ],
        ["nhà đại đoàn kết", "gia đình chính sách"],
    ),
    Story(
        "ha-dinh-phong-chay",
        "Hạ Đình",
        "Tin hoạt động",
        "news",
        "Hạ Đình ra mắt mô hình “Khu dân cư an toàn phòng cháy, chữa cháy”",
        "Khu dân cư số 4 lập 12 tổ liên gia an toàn; các hộ kinh doanh kết hợp để ở được hướng dẫn trang bị bình "
        "chữa cháy và lối thoát nạn.",
        [
            "Ủy ban MTTQ Việt Nam phường Hạ Đình phối hợp với Công an phường ra mắt mô hình “Khu dân cư an toàn phòng "
            "cháy, chữa cháy” tại khu dân cư số 4.",
            "Mô hình gồm 12 tổ liên gia an toàn; các hộ kinh doanh kết hợp để ở được hướng dẫn trang bị bình chữa "
            "cháy, mở lối thoát nạn thứ hai và không để xe, hàng hóa chắn lối đi.",
            "Sau thời gian thí điểm, Ủy ban MTTQ phường sẽ cùng Công an phường đánh giá để nhân rộng ra các khu dân "
            "cư có nhiều nhà ống, ngõ nhỏ.",
        ],
        ["phòng cháy chữa cháy", "khu dân cư"],
    ),
    # --- Kim Giang -------------------------------------------------------------------------------
    Story(
        "kim-giang-tap-huan",
        "Kim Giang",
        "Tập huấn",
        "training",
        "Kim Giang tập huấn cho các Ban công tác Mặt trận mới kiện toàn",
        "Chín trưởng ban mới được hướng dẫn những việc cần làm ngay: nắm danh sách hộ, lập sổ ghi chép và xây dựng "
        "quy ước của khu dân cư.",
        [
            "Sau khi kiện toàn các Ban công tác Mặt trận ở khu dân cư, Ủy ban MTTQ Việt Nam phường Kim Giang đã tổ "
            "chức lớp tập huấn cho 9 trưởng ban mới và các thành viên.",
            "Các học viên được hướng dẫn nắm danh sách hộ, nhân khẩu; lập sổ ghi chép hoạt động; phối hợp với chi bộ, "
            "tổ dân phố xây dựng và thực hiện quy ước của khu dân cư.",
            "Những trưởng ban có kinh nghiệm cũng chia sẻ cách vận động bà con tham gia các phong trào, nhất là với "
            "các hộ mới chuyển đến và người thuê trọ.",
        ],
        ["tập huấn", "ban công tác mặt trận"],
    ),
    Story(
        "kim-giang-dien-hinh",
        "Kim Giang",
        "Hội nghị",
        "conference",
        "Kim Giang biểu dương 22 điển hình trong cuộc vận động toàn dân đoàn kết",
        "Trong số được khen thưởng có 4 hộ tự nguyện hiến đất mở rộng ngõ và những tổ tự quản giữ ngõ phố sạch đẹp "
        "nhiều năm liền.",
        [
            "Ủy ban MTTQ Việt Nam phường Kim Giang vừa tổ chức hội nghị biểu dương điển hình tiên tiến trong thực "
            "hiện cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”.",
            "22 tập thể, cá nhân được khen thưởng, trong đó có 4 hộ gia đình tự nguyện hiến đất để mở rộng ngõ 35 và "
            "những tổ tự quản giữ ngõ phố sạch đẹp nhiều năm liền.",
            "Phát biểu tại hội nghị, Chủ tịch Ủy ban MTTQ phường mong các điển hình tiếp tục lan tỏa, để mỗi khu dân "
            "cư có thêm những việc làm tốt, cách làm hay.",
        ],
        ["hội nghị", "điển hình tiên tiến"],
    ),
    Story(
        "kim-giang-thanh-tra",
        "Kim Giang",
        "Giám sát phản biện",
        "dialogue",
        "Ban Thanh tra nhân dân phường Kim Giang giám sát việc thu phí vệ sinh môi trường",
        "Ban Thanh tra nhân dân kiến nghị niêm yết mức thu và danh sách hộ được miễn, giảm tại nhà văn hóa các khu "
        "dân cư.",
        [
            "Ban Thanh tra nhân dân phường Kim Giang vừa giám sát việc thu, nộp phí dịch vụ vệ sinh môi trường tại 9 "
            "khu dân cư trên địa bàn.",
            "Qua giám sát, việc thu phí cơ bản đúng quy định; tuy nhiên một số khu dân cư chưa niêm yết công khai mức "
            "thu và danh sách hộ được miễn, giảm theo chính sách.",
            "Ban Thanh tra nhân dân đã kiến nghị Ủy ban nhân dân phường chỉ đạo công khai đầy đủ tại nhà văn hóa và "
            "trên bảng tin của các khu dân cư.",
        ],
        ["thanh tra nhân dân", "giám sát"],
    ),
    Story(
        "kim-giang-vi-nguoi-ngheo",
        "Kim Giang",
        "Đại đoàn kết",
        "house",
        "Kim Giang mở đợt cao điểm vận động Quỹ “Vì người nghèo”",
        "Ngay tại lễ phát động, các cơ quan, doanh nghiệp và nhân dân đã đóng góp hơn 150 triệu đồng.",
        [
            "Hưởng ứng Tháng cao điểm “Vì người nghèo” (17/10 - 18/11), Ủy ban MTTQ Việt Nam phường Kim Giang tổ chức "
            "lễ phát động ủng hộ Quỹ “Vì người nghèo” và an sinh xã hội.",
            "Ngay tại buổi lễ, các cơ quan, đơn vị, doanh nghiệp và nhân dân đã đóng góp hơn 150 triệu đồng; các khu "
            "dân cư tiếp tục tiếp nhận ủng hộ đến hết ngày 18/11.",
            "Ủy ban MTTQ phường cam kết quản lý, sử dụng Quỹ đúng mục đích, công khai, minh bạch; ưu tiên hỗ trợ sửa "
            "chữa nhà ở và sinh kế cho hộ cận nghèo.",
        ],
        ["vì người nghèo", "an sinh xã hội"],
        season=POOR_PEAK,
    ),
    Story(
        "kim-giang-com-yeu-thuong",
        "Kim Giang",
        "Tin phường",
        "people",
        "Mỗi tuần 200 suất “Cơm yêu thương” ở phường Kim Giang",
        "Bếp ăn do các chi hội phụ nữ và nhà hảo tâm duy trì đã bước sang năm thứ ba, phục vụ người bán hàng rong "
        "và lao động tự do.",
        [
            "Mỗi sáng thứ Tư, bếp ăn “Cơm yêu thương” ở nhà văn hóa khu dân cư số 1 phường Kim Giang lại tất bật chuẩn "
            "bị khoảng 200 suất cơm miễn phí.",
            "Bếp ăn do Ủy ban MTTQ phường vận động các chi hội phụ nữ và nhà hảo tâm cùng duy trì, phục vụ người bán "
            "hàng rong, người lao động tự do và người cao tuổi neo đơn.",
            "Sau hơn hai năm hoạt động, bếp ăn đã phục vụ trên 20.000 suất cơm; mọi khoản đóng góp đều được ghi chép "
            "và công khai hằng tháng.",
        ],
        ["an sinh xã hội", "nhân đạo"],
    ),
    Story(
        "kim-giang-tu-van-phap-luat",
        "Kim Giang",
        "Tin hoạt động",
        "news",
        "Kim Giang ra mắt tổ tư vấn pháp luật tại khu dân cư",
        "Tổ gồm luật sư, cán bộ tư pháp đã nghỉ hưu và cựu chiến binh, tư vấn miễn phí về đất đai, hôn nhân gia "
        "đình vào tối thứ Sáu hằng tuần.",
        [
            "Ủy ban MTTQ Việt Nam phường Kim Giang phối hợp với Đoàn Luật sư thành phố ra mắt tổ tư vấn pháp luật "
            "miễn phí tại khu dân cư số 5.",
            "Tổ gồm 2 luật sư, 3 cán bộ tư pháp đã nghỉ hưu và một số cựu chiến binh, tiếp người dân vào tối thứ Sáu "
            "hằng tuần tại nhà văn hóa khu dân cư.",
            "Ngay buổi đầu, tổ đã tư vấn 11 trường hợp, chủ yếu về thủ tục thừa kế, cấp giấy chứng nhận quyền sử "
            "dụng đất và tranh chấp lối đi chung.",
        ],
        ["pháp luật", "khu dân cư"],
        draft=True,
    ),
]

# Hand-picked "Tin liên quan": (from, to), by story key.
RELATED = [
    ("khuong-dinh-doi-thoai", "khuong-mai-doi-thoai"),
    ("khuong-dinh-ngay-hoi", "thuong-dinh-ngay-hoi"),
    ("khuong-dinh-nha-dai-doan-ket", "ha-dinh-nha-dai-doan-ket"),
]


def _categories() -> dict[str, Category]:
    found: dict[str, Category] = {}
    for order, (name, parent, description) in enumerate(CATEGORIES):
        category, _ = Category.objects.get_or_create(
            slug=slugify_vi(name),
            defaults={
                "name": name,
                "parent": found.get(parent),
                "description": description,
                "order": order * 10,
                "show_on_home": parent is None,
            },
        )
        found[name] = category
    return found


def _organisations():
    """(district committee or None, {ward name: ward organisation})."""
    from committees.models import Organization, OrganizationKind

    district = Organization.objects.filter(kind=OrganizationKind.DISTRICT_COMMITTEE).order_by("pk").first()
    wards = {}
    for ward in Organization.objects.current().filter(kind=OrganizationKind.WARD_COMMITTEE):
        for name in DEMO_WARDS:
            if ward.name.endswith(name):
                wards[name] = ward
    return district, wards


def _dialogue(ward):
    """The ward's dialogue of the events demo, when it was held and published."""
    from events.models import Event, EventKind

    if ward is None:
        return None
    return (
        Event.objects.published()
        .filter(organization=ward, kind=EventKind.DIALOGUE)
        .order_by("-starts_at")
        .first()
    )


def in_season(season: tuple, today: datetime.date, rng: random.Random) -> datetime.date:
    """A day of the latest window `season` (month, first day[, last month], last day) that has begun."""
    if len(season) == 3:
        month, first, last = season
        end_month = month
    else:
        month, first, end_month, last = season
    for year in (today.year, today.year - 1):
        start = datetime.date(year, month, first)
        if start <= today:
            end = min(datetime.date(year, end_month, last), today)
            return start + datetime.timedelta(days=rng.randint(0, (end - start).days))
    raise AssertionError("a season always began within the last year")


def publish_moment(day: datetime.date, run: DemoRun, rng: random.Random) -> datetime.datetime:
    """Office hours on `day` (a Saturday morning stays one, now and then), always before the run."""
    if day.weekday() == 5 and rng.random() < 0.5 and at(day, 11, 30) < run.now:
        return office_time(day, rng)
    return office_time_before(day, rng, run.now)


def plan_dates(run: DemoRun, rng: random.Random) -> dict[str, datetime.date]:
    """The day of each story: seasonal ones in their season, the others spread over ten months."""
    days = {story.key: in_season(story.season, run.today, rng) for story in STORIES if story.season}
    others = [story for story in STORIES if not story.season and not story.draft]
    step = 300 / len(others)
    for k, story in enumerate(others):
        days[story.key] = run.today - datetime.timedelta(days=round(k * step) + rng.randint(0, 2))
    for story in STORIES:
        days.setdefault(story.key, run.today)
    return days


def _figure(story: Story, slug: str, seed: int) -> str:
    """An illustration inside the body, with its caption, saved under media like an editor's upload."""
    name = default_storage.save(
        f"news/minh-hoa/{slug[:50]}.jpg", ContentFile(illustration(story.figure, seed, size=(960, 540)))
    )
    return (
        f'<figure class="figure"><img src="{escape(default_storage.url(name))}" alt="{escape(caption(story.figure))}"'
        f' width="960" height="540"><figcaption>{escape(caption(story.figure))}</figcaption></figure>'
    )


def seed(out, run: DemoRun | None = None) -> None:
    run = run or DemoRun()
    categories = _categories()
    district, wards = _organisations()
    rng = random.Random(2024)
    days = plan_dates(run, rng)
    created = 0
    made: dict[str, Article] = {}
    for index, story in enumerate(STORIES):
        day = days[story.key]
        fill = {"year": day.year}
        title = story.title.format(**fill)
        slug = slugify_vi(title)[:200]
        if Article.objects.filter(slug=slug).exists():
            continue
        ward = wards.get(story.ward)
        event = _dialogue(ward) if story.event == "dialogue" else None
        if event is not None and event.ends_at and event.ends_at < run.now:
            end = event.ends_at
            published_at = min(office_time(timezone.localdate(end), rng, after=end), run.now)
        else:
            event = None
            published_at = publish_moment(day, run, rng)
        paragraphs = [p.format(**fill) for p in story.paragraphs]
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs[:2])
        if story.figure:
            body += _figure(story, slug, index)
        body += "".join(f"<p>{escape(p)}</p>" for p in paragraphs[2:])
        article = Article(
            title=title,
            slug=slug,
            summary=story.summary.format(**fill),
            body=body,
            category=categories[story.category],
            organization=ward or district,
            byline=f"{BYLINES[index % len(BYLINES)]} – Ủy ban MTTQ phường {story.ward}",
            event=event,
            status=Status.DRAFT if story.draft else Status.PUBLISHED,
            published_at=published_at,
            cover_caption=caption(story.picture),
        )
        article.cover.save(f"{slug[:40]}.jpg", ContentFile(illustration(story.picture, index)), save=False)
        article.save()
        article.tags.add(*story.tags, f"phường {story.ward}")
        run.add(article)
        made[story.key] = article
        created += 1
    # The four latest published stories of this run are the featured ones.
    latest = sorted((a for a in made.values() if a.status == Status.PUBLISHED), key=lambda a: a.published_at)
    Article.objects.filter(pk__in=[a.pk for a in latest[-4:]]).update(is_featured=True)
    for position, (source, target) in enumerate(RELATED):
        if source in made and target in made:
            RelatedArticle.objects.create(
                from_article=made[source], to_article=made[target], position=position
            )
    out.write(
        f"  News: {Category.objects.count()} categories, {Article.objects.count()} articles ({created} new)"
    )
    demo_workflow.seed(out, run)
