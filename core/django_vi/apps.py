from django.apps import AppConfig


class DjangoVietnameseConfig(AppConfig):
    """Holds only a catalogue: the Vietnamese strings Django's own catalogues lack.

    Listed after Django's apps, so its entries apply only where Django has none. It
    has no Python strings of its own, and ``make messages`` leaves it alone: the
    catalogue is maintained by hand (docs/decisions/0001).
    """

    name = "core.django_vi"
    label = "django_vi"
