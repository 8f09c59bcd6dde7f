"""Load the starting topics (a frozen copy of feedback/analysis/default_topics.py at the time of writing)."""

from django.db import migrations

TOPICS = {'Beratung': ['beratung', 'beraten', 'berater', 'abgeraten', 'kompetent', 'fachkundig', 'empfehlung',
              'advice', 'advise', 'advised', 'sales assistant', 'knowledgeable', 'expert'],
 'Freundlichkeit': ['freundlich', 'unfreundlich', 'hoeflich', 'unhoeflich', 'nett', 'personal', 'begruessung',
                    'zuvorkommend', 'hilfsbereit', 'angeschnauzt', 'ignoriert', 'gestresst', 'behandelt',
                    'friendly', 'rude', 'polite', 'staff', 'cashier', 'ignored', 'annoyed', 'welcoming'],
 'Lieferung': ['lieferung', 'liefer', 'geliefert', 'paket', 'fahrer', 'zustell', 'versand', 'bestellung',
               'angekommen', 'delivery', 'delivered', 'parcel', 'package', 'driver', 'shipping', 'arrived',
               'order'],
 'Preis': ['preis', 'teuer', 'guenstig', 'ueberteuert', 'kosten', 'falsch ausgezeichnet', 'price', 'prices',
           'expensive', 'cheap', 'overpriced', 'value for money'],
 'Produktqualität': ['qualitaet', 'defekt', 'kaputt', 'fusselt', 'stoff', 'verarbeitung', 'garantie',
                     'frisch', 'material', 'quality', 'broke', 'broken', 'faulty', 'stopped working',
                     'fell apart', 'scratch'],
 'Retoure': ['retoure', 'ruecksendung', 'rueckgabe', 'umtausch', 'rueckerstattung', 'reklamation',
             'erstattung', 'return', 'returning', 'refund', 'exchange'],
 'Sauberkeit': ['sauber', 'schmutzig', 'dreckig', 'verdreckt', 'verschmiert', 'toilette', 'muell', 'klebten',
                'boden', 'gaenge', 'roch', 'ordentlich', 'clean', 'dirty', 'tidy', 'spotless', 'toilets',
                'smell', 'rubbish', 'floor', 'mess', 'filthy'],
 'Wartezeit': ['wartezeit', 'warten', 'gewartet', 'wartete', 'schlange', 'warteschleife', 'zweite kasse',
               'zusaetzliche kasse', 'weiterverbunden', 'erreichbar', 'dauert', 'minuten', 'wochen', 'wait',
               'waited', 'waiting', 'queue', 'on hold', 'minutes', 'took ages', 'weeks', 'month']}


def load(apps, schema_editor):
    Topic = apps.get_model("feedback", "Topic")
    for name, keywords in TOPICS.items():
        Topic.objects.get_or_create(name=name, defaults={"keywords": "\n".join(keywords), "active": True})


def unload(apps, schema_editor):
    apps.get_model("feedback", "Topic").objects.filter(name__in=list(TOPICS)).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
