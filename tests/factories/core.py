import factory

from frontcms.models import MenuItem, Page, QuickLink

__all__ = ["PageFactory", "MenuItemFactory", "QuickLinkFactory"]


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Trang giới thiệu {n}")
    body = "<p>Nội dung trang.</p>"
    is_published = True


class MenuItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MenuItem

    title = factory.Sequence(lambda n: f"Mục {n}")
    page = factory.SubFactory(PageFactory)


class QuickLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuickLink

    title = factory.Sequence(lambda n: f"Liên kết {n}")
    url = factory.Sequence(lambda n: f"https://example.vn/{n}")
