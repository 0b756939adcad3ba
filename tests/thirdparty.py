"""A corpus of other tools' files, built at test time, and how translate-toolkit sees one.

Each file is either made by the tool itself (GNU gettext's xgettext, msginit and msgcat;
translate-toolkit's po2xliff, po2tmx, csv2po, csv2tbx and its TBX store, which Weblate
uses) or written here in the shape the named tool writes (Weblate, Django, Sphinx/Babel,
Poedit, Okapi, Xcode, the npm ``xliff`` package, OmegaT 3 and 4, Trados, Perl tools,
TICO-19, TBX-Basic, TBX v3, TBX-Min). Nothing is copied from those tools' data: the
texts are made up for the tests. :func:`build` writes what it can into a folder and
returns the paths by format; a file whose tool is missing is left out.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent

WEBLATE_PO = r'''# Indonesian translation for Kebun.
# Copyright (C) 2024 Kebun contributors
# This file is distributed under the same license as the Kebun package.
# Budi Santoso <budi@example.org>, 2024.
#
msgid ""
msgstr ""
"Project-Id-Version: Kebun 2.1\n"
"Report-Msgid-Bugs-To: dev@example.org\n"
"POT-Creation-Date: 2024-03-01 10:00+0000\n"
"PO-Revision-Date: 2024-03-05 08:12+0000\n"
"Last-Translator: Budi Santoso <budi@example.org>\n"
"Language-Team: Indonesian <https://hosted.weblate.org/projects/kebun/id/>\n"
"Language: id\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=1; plural=0;\n"
"X-Generator: Weblate 5.4\n"

#. Label of the button that removes a plant
#: kebun/views.py:41 kebun/templates/plant.html:12
msgid "Delete"
msgstr "Hapus"

# Translators: keep it short
#: kebun/models.py:88
#, python-format
msgid "%(count)s plant"
msgid_plural "%(count)s plants"
msgstr[0] "%(count)s tanaman"

#: kebun/dates.py:3
msgctxt "month name"
msgid "May"
msgstr "Mei"

#: kebun/verbs.py:9
msgctxt "verb"
msgid "May"
msgstr "Boleh"

#: kebun/forms.py:17
#, fuzzy, python-format
#| msgid "Save %s file"
msgid "Save %s files"
msgstr "Simpan berkas %s"

#: kebun/forms.py:30
msgid "Water the plants"
msgstr ""

#: kebun/help.py:5
msgid ""
"Plants need light.\n"
"Water them weekly."
msgstr ""
"Tanaman butuh cahaya.\n"
"Siram setiap minggu."

#: kebun/news.py:2
msgid "Joko Widodo arrived"
msgstr "Joko Widodo\u2028tiba"

#~ msgid "Old label"
#~ msgstr "Label lama"
'''.replace("\\u2028", "\u2028")

DJANGO_PO = r'''# SOME DESCRIPTIVE TITLE.
# Copyright (C) YEAR THE PACKAGE'S COPYRIGHT HOLDER
# This file is distributed under the same license as the PACKAGE package.
#
# Translators:
# Ana Souza <ana@example.org>, 2023
msgid ""
msgstr ""
"Project-Id-Version: django-kebun\n"
"Report-Msgid-Bugs-To: \n"
"POT-Creation-Date: 2023-09-18 11:41-0300\n"
"PO-Revision-Date: 2023-12-04 07:05+0000\n"
"Last-Translator: Ana Souza <ana@example.org>, 2023\n"
"Language-Team: Portuguese (Brazil) (http://www.transifex.com/django/django/language/pt_BR/)\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Language: pt_BR\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgid "Messages"
msgstr "Mensagens"

#, python-format
msgid "Ensure this value has at most %(limit_value)d character (it has %(show_value)d)."
msgid_plural "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d)."
msgstr[0] "Certifique-se de que o valor tenha no máximo %(limit_value)d caractere (ele possui %(show_value)d)."
msgstr[1] "Certifique-se de que o valor tenha no máximo %(limit_value)d caracteres (ele possui %(show_value)d)."

msgctxt "abbrev. month"
msgid "May"
msgstr "Maio"

msgctxt "alt. month"
msgid "May"
msgstr "Maio"

msgid "and"
msgstr "e"

#, python-brace-format
msgid "{name} is not valid"
msgstr ""
'''

SPHINX_PO = r'''# SOME DESCRIPTIVE TITLE.
# Copyright (C) 2024, Kebun team
# This file is distributed under the same license as the Kebun package.
# FIRST AUTHOR <EMAIL@ADDRESS>, 2024.
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: Kebun 2.1\n"
"Report-Msgid-Bugs-To: \n"
"POT-Creation-Date: 2024-03-01 10:00+0700\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
"Language: id\n"
"Language-Team: id <LL@li.org>\n"
"Plural-Forms: nplurals=1; plural=0;\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=utf-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Generated-By: Babel 2.14.0\n"

#: ../../source/index.rst:4
msgid "Welcome to Kebun's documentation!"
msgstr "Selamat datang di dokumentasi Kebun!"

#: ../../source/index.rst:9
msgid ""
"Kebun keeps track of what you plant, when you water it and what it needs "
"next. Read :doc:`install` first."
msgstr ""
"Kebun mencatat apa yang Anda tanam, kapan Anda menyiramnya dan apa yang "
"dibutuhkannya. Baca :doc:`install` terlebih dahulu."

#: ../../source/index.rst:14
msgid "Contents:"
msgstr ""

#: ../../source/install.rst:2
#, fuzzy
msgid "Installing Kebun"
msgstr "Memasang Kebun"
'''

LATIN9_PO = '''msgid ""
msgstr ""
"Project-Id-Version: prix 1.0\\n"
"PO-Revision-Date: 2024-01-02 00:00+0000\\n"
"Last-Translator: Anne <anne@example.org>\\n"
"Language-Team: French\\n"
"Language: fr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=ISO-8859-15\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

msgid "Price in euros"
msgstr "Prix en \u20ac, \u00e9t\u00e9 comme hiver"
'''

PYTHON_SOURCE = '''from gettext import gettext as _, ngettext, pgettext

print(_("Open the garden"))
# TRANSLATORS: the season, not the verb
print(pgettext("season", "Spring"))
print(ngettext("One seed", "%d seeds", 2) % 2)
print(_("A sentence that is long enough to be wrapped by gettext at its usual width of seventy-nine columns."))
'''

OKAPI_XLIFF = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:okp="okapi-framework:xliff-extensions" \
its:version="2.0" xmlns:its="http://www.w3.org/2005/11/its">
<file original="berita.html" source-language="en-US" target-language="id-ID" datatype="x-text/html" okp:inputEncoding="UTF-8">
<header><skl><external-file href="berita.html.skl"></external-file></skl>
<tool tool-id="okapi" tool-name="okapi-framework:xliff-filter" tool-version="1.45.0"></tool></header>
<body>
<trans-unit id="1" resname="title" xml:space="preserve">
<source xml:lang="en-US">The <g id="1" ctype="x-b">orangutan</g> has a <x id="2" ctype="image"/> banana.</source>
<target xml:lang="id-ID" state="translated">Orangutan <g id="1" ctype="x-b">itu</g> punya pisang <x id="2" ctype="image"/>.</target>
<note from="reviewer" priority="2">Check the image alt text.</note>
</trans-unit>
<group id="g1" resname="list">
<trans-unit id="2" approved="yes">
<source>Press <bpt id="1">&lt;kbd&gt;</bpt>Enter<ept id="1">&lt;/kbd&gt;</ept> and <ph id="2" ctype="x-var">%s</ph>.</source>
<target state="final">Tekan <bpt id="1">&lt;kbd&gt;</bpt>Enter<ept id="1">&lt;/kbd&gt;</ept> dan <ph id="2" ctype="x-var">%s</ph>.</target>
</trans-unit>
<trans-unit id="3">
<source>A <mrk mtype="term">virus</mrk> spreads.</source>
<target>Sebuah <mrk mtype="term">virus</mrk> menyebar.</target>
</trans-unit>
<trans-unit id="4">
<source>Not translated yet.</source>
</trans-unit>
<trans-unit id="5">
<source>Machine output.</source>
<target state="needs-review-translation" state-qualifier="leveraged-mt">Keluaran mesin.</target>
<alt-trans origin="tm" match-quality="85"><source>Machine output!</source><target>Keluaran mesin!</target></alt-trans>
</trans-unit>
</group>
</body>
</file>
</xliff>
'''

XCODE_XLIFF = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
version="1.2" xsi:schemaLocation="urn:oasis:names:tc:xliff:document:1.2 http://docs.oasis-open.org/xliff/v1.2/os/xliff-core-1.2-strict.xsd">
  <file original="Kebun/en.lproj/Localizable.strings" source-language="en" target-language="id" datatype="plaintext">
    <header>
      <tool tool-id="com.apple.dt.xcode" tool-name="Xcode" tool-version="15.2" build-num="15C500b"/>
    </header>
    <body>
      <trans-unit id="plants.count" xml:space="preserve">
        <source>%d plants</source>
        <target>%d tanaman</target>
        <note>Number of plants in the garden</note>
      </trans-unit>
      <trans-unit id="water.button" xml:space="preserve">
        <source>Water</source>
        <note>No comment provided by engineer.</note>
      </trans-unit>
    </body>
  </file>
  <file original="Kebun/en.lproj/InfoPlist.strings" source-language="en" target-language="id" datatype="plaintext">
    <header>
      <tool tool-id="com.apple.dt.xcode" tool-name="Xcode" tool-version="15.2" build-num="15C500b"/>
    </header>
    <body>
      <trans-unit id="CFBundleName" xml:space="preserve">
        <source>Kebun</source>
        <target>Kebun</target>
        <note>Bundle name</note>
      </trans-unit>
    </body>
  </file>
</xliff>
'''

XLIFF_10 = '''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN" "http://www.oasis-open.org/committees/xliff/documents/xliff.dtd">
<xliff version="1.0">
<file original="menu.rc" source-language="en" target-language="id" datatype="winres">
<body>
<trans-unit id="IDS_OPEN"><source>&amp;Open</source><target>&amp;Buka</target></trans-unit>
<trans-unit id="IDS_SAVE"><source>&amp;Save</source><target state="needs-review-translation">&amp;Simpan</target></trans-unit>
</body>
</file>
</xliff>
'''

NPM_XLIFF2 = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="id-ID">
  <file id="namespace1" original="kebun.json">
    <unit id="key1">
      <segment>
        <source>Hello</source>
        <target>Halo</target>
      </segment>
    </unit>
    <unit id="key2">
      <notes>
        <note category="description">Greeting with a name</note>
      </notes>
      <originalData>
        <data id="d1">{{name}}</data>
        <data id="d2">&lt;b&gt;</data>
        <data id="d3">&lt;/b&gt;</data>
      </originalData>
      <segment state="reviewed">
        <source>Hi <ph id="1" dataRef="d1"/>, welcome to <pc id="2" dataRefStart="d2" dataRefEnd="d3">Kebun</pc>!</source>
        <target>Hai <ph id="1" dataRef="d1"/>, selamat datang di <pc id="2" dataRefStart="d2" dataRefEnd="d3">Kebun</pc>!</target>
      </segment>
    </unit>
    <unit id="key3">
      <segment state="initial">
        <source>Water the plants.</source>
        <target>Siram tanaman.</target>
      </segment>
    </unit>
    <unit id="key4">
      <segment>
        <source>Sow the seeds.</source>
      </segment>
    </unit>
    <unit id="key5">
      <segment id="s1" state="translated">
        <source>First sentence.</source>
        <target>Kalimat pertama.</target>
      </segment>
      <ignorable>
        <source> </source>
      </ignorable>
      <segment id="s2">
        <source>Second <sc id="1"/>sentence<ec startRef="1"/>.</source>
        <target>Kalimat <sc id="1"/>kedua<ec startRef="1"/>.</target>
      </segment>
    </unit>
  </file>
</xliff>
'''

OMEGAT4_TMX = '''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" \
creationtoolversion="4.3.3_0_1d0a0d2a" segtype="sentence" srclang="EN-US"/>
  <body>
<!-- Default translations -->
    <tu>
      <tuv xml:lang="EN-US">
        <seg><bpt i="1" x="1">&lt;e15&gt;</bpt>Orangutans<ept i="1">&lt;/e15&gt;</ept> eat fruit.</seg>
      </tuv>
      <tuv xml:lang="ID-ID" changeid="budi" changedate="20240305T081200Z" creationid="budi" creationdate="20240305T081200Z">
        <seg><bpt i="1" x="1">&lt;e15&gt;</bpt>Orangutan<ept i="1">&lt;/e15&gt;</ept> makan buah.</seg>
      </tuv>
    </tu>
    <tu>
      <tuv xml:lang="EN-US">
        <seg>Press <ph x="2">&lt;i2/&gt;</ph> to continue.</seg>
      </tuv>
      <tuv xml:lang="ID-ID" changeid="budi" changedate="20240305T081300Z" creationid="budi" creationdate="20240305T081300Z">
        <seg>Tekan <ph x="2">&lt;i2/&gt;</ph> untuk melanjutkan.</seg>
      </tuv>
    </tu>
<!-- Alternative translations -->
    <tu>
      <prop type="file">berita.html</prop>
      <prop type="id">p3</prop>
      <tuv xml:lang="EN-US">
        <seg>It rained.</seg>
      </tuv>
      <tuv xml:lang="ID-ID" changeid="ani" changedate="20240306T090000Z">
        <seg>Hujan turun.</seg>
      </tuv>
    </tu>
  </body>
</tmx>
'''

OMEGAT3_TMX = '''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" \
creationtoolversion="3.6.0_10" segtype="sentence" srclang="id"/>
  <body>
    <tu>
      <tuv lang="id">
        <seg>Presiden meresmikan jalan tol.</seg>
      </tuv>
      <tuv lang="en" changeid="translator" changedate="20231123T120000Z" creationid="translator" creationdate="20231123T120000Z">
        <seg>The president opened the toll road.</seg>
      </tuv>
    </tu>
    <tu>
      <tuv lang="id">
        <seg>Harga naik <ph x="0">&lt;b0/&gt;</ph> lagi.</seg>
      </tuv>
      <tuv lang="en" changeid="translator" changedate="20231123T120100Z">
        <seg>Prices rose <ph x="0">&lt;b0/&gt;</ph> again.</seg>
      </tuv>
    </tu>
  </body>
</tmx>
'''

TRADOS_TMX = '''<?xml version="1.0" encoding="utf-16"?>
<tmx version="1.4">
  <header creationtool="SDL Language Platform" creationtoolversion="8.1" o-tmf="SDL TM8 Format" datatype="xml" \
segtype="sentence" adminlang="en-US" srclang="en-US" creationdate="20240110T101010Z" creationid="PC\\\\ana">
    <prop type="x-Domain:SinglePicklist">Health</prop>
  </header>
  <body>
    <tu creationdate="20240110T101010Z" creationid="PC\\\\ana" changedate="20240111T090000Z" changeid="PC\\\\ana" lastusagedate="20240112T080000Z" usagecount="3">
      <prop type="x-Domain:SinglePicklist">Health</prop>
      <tuv xml:lang="en-US">
        <seg>Wash your hands <ph x="1" type="x-ph"/>often<ph x="2"/>.</seg>
      </tuv>
      <tuv xml:lang="id-ID">
        <seg>Sering-seringlah <ph x="1" type="x-ph"/>mencuci<ph x="2"/> tangan.</seg>
      </tuv>
    </tu>
    <tu creationdate="20240110T101011Z" creationid="PC\\\\ana">
      <tuv xml:lang="en-US">
        <seg>Stay <bpt i="1" type="bold" x="1">{1}</bpt>home<ept i="1">{/1}</ept>.</seg>
      </tuv>
      <tuv xml:lang="id-ID">
        <seg>Tetaplah di <bpt i="1" type="bold" x="1">{1}</bpt>rumah<ept i="1">{/1}</ept>.</seg>
      </tuv>
    </tu>
  </body>
</tmx>
'''

PERL_TMX = '''<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="XML::TMX::Writer" creationtoolversion="0.36" segtype="sentence" o-tmf="plain text" \
adminlang="en" srclang="en" datatype="plaintext"></header>
<body>
<tu tuid="1"><tuv xml:lang="en"><seg>The rain stopped.</seg></tuv><tuv xml:lang="fr"><seg>La pluie a cess\u00e9.</seg></tuv>\
<tuv xml:lang="id"><seg>Hujan berhenti.</seg></tuv></tu>
<tu tuid="2"><note>checked by two people</note><tuv xml:lang="en"><seg>The sun came out.</seg></tuv>\
<tuv xml:lang="fr"><seg>Le soleil est sorti.</seg></tuv><tuv xml:lang="id"><seg>Matahari muncul.</seg></tuv></tu>
<tu tuid="3"><tuv xml:lang="en"><seg>Only English and French.</seg></tuv><tuv xml:lang="fr"><seg>Seulement anglais et fran\u00e7ais.</seg></tuv></tu>
</body>
</tmx>
'''

TICO_TMX = '''<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="unknown" creationtoolversion="unknown" segtype="paragraph" o-tmf="unknown" \
adminlang="en" srclang="en" datatype="text"></header><body>
<tu tuid="DOC_1:1">
<prop type="note">https://example.org/covid/doc1.en</prop>
<tuv xml:lang="en">
<seg>wash your hands before eating</seg></tuv>
<tuv xml:lang="id"><seg>cuci tangan Anda sebelum makan</seg></tuv>
</tu>
<tu tuid="DOC_1:2">
<prop type="note">https://example.org/covid/doc1.en</prop>
<tuv xml:lang="en">
<seg>the virus spreads through droplets</seg></tuv>
<tuv xml:lang="id"><seg>virus menyebar melalui percikan</seg></tuv>
</tu>
</body></tmx>
'''

TBX_BASIC = '''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader>
    <fileDesc><titleStmt><title>Health terms</title></titleStmt><sourceDesc><p>made for the tests</p></sourceDesc></fileDesc>
    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="c1">
        <descrip type="subjectField">health</descrip>
        <langSet xml:lang="en-US">
          <descripGrp><descrip type="definition">A very small infectious agent.</descrip></descripGrp>
          <ntig><termGrp><term>virus</term><termNote type="partOfSpeech">noun</termNote></termGrp></ntig>
        </langSet>
        <langSet xml:lang="id-ID">
          <ntig><termGrp><term>virus</term><termNote type="partOfSpeech">noun</termNote></termGrp></ntig>
        </langSet>
      </termEntry>
      <termEntry id="c2">
        <langSet xml:lang="en-US">
          <tig><term>face mask</term></tig>
          <tig><term>mask</term></tig>
        </langSet>
        <langSet xml:lang="id-ID">
          <tig><term>masker wajah</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
          <tig><term>masker</term></tig>
          <tig><term>topeng</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
'''

TBX_V3_DCA = '''<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Core_dialect/master/Schemas/TBX-Core.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<tbx style="dca" type="TBX-Core" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>made for the tests</p></sourceDesc></fileDesc></tbxHeader>
  <text>
    <body>
      <conceptEntry id="vaccine">
        <langSec xml:lang="en"><termSec><term>vaccine</term></termSec><termSec><term>vaccination shot</term></termSec></langSec>
        <langSec xml:lang="id"><termSec><term>vaksin</term></termSec></langSec>
      </conceptEntry>
      <conceptEntry id="fever">
        <langSec xml:lang="en"><termSec><term>fever</term></termSec></langSec>
        <langSec xml:lang="id"><termSec><term>demam</term></termSec></langSec>
      </conceptEntry>
      <conceptEntry id="only-fr">
        <langSec xml:lang="fr"><termSec><term>fi\u00e8vre</term></termSec></langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
'''

TBX_V3_DCT = '''<?xml version="1.0" encoding="UTF-8"?>
<tbx style="dct" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns/basic">
  <tbxHeader><fileDesc><sourceDesc><p>made for the tests</p></sourceDesc></fileDesc></tbxHeader>
  <text>
    <body>
      <conceptEntry id="c10">
        <basic:subjectField>health</basic:subjectField>
        <langSec xml:lang="en">
          <termSec><term>cough</term><basic:partOfSpeech>noun</basic:partOfSpeech></termSec>
        </langSec>
        <langSec xml:lang="id">
          <termSec><term>batuk</term><basic:partOfSpeech>noun</basic:partOfSpeech>
            <basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus></termSec>
        </langSec>
      </conceptEntry>
      <conceptEntry id="c11">
        <langSec xml:lang="en"><termSec><term>sneeze</term></termSec></langSec>
        <langSec xml:lang="id"><termSec><term>bersin</term></termSec></langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
'''

TBX_MIN = '''<?xml version="1.0" encoding="UTF-8"?>
<TBX dialect="TBX-Min">
  <header><id>kebun-terms</id><languages source="en" target="id"/></header>
  <body>
    <entry id="e1">
      <langGroup xml:lang="en"><termGroup><term>seed</term><partOfSpeech>noun</partOfSpeech></termGroup></langGroup>
      <langGroup xml:lang="id"><termGroup><term>benih</term></termGroup><termGroup><term>biji</term></termGroup></langGroup>
    </entry>
    <entry id="e2">
      <langGroup xml:lang="en"><termGroup><term>watering can</term></termGroup></langGroup>
      <langGroup xml:lang="id"><termGroup><term>gembor</term></termGroup></langGroup>
    </entry>
  </body>
</TBX>
'''

MOSES = {"opus.en": "Wash your hands.\nStay home.\n\nThe virus spreads.\n",
         "opus.id": "Cuci tangan Anda.\nTetap di rumah.\nKosong.\nVirus menyebar.\n"}
HEADERLESS_TSV = "Cuci tangan Anda.\tWash your hands.\nTetap di rumah.\tStay home.\t0.93\n"


def _run(command: list[str], cwd: Path) -> bool:
    """Run one of the tools; False when it is missing or fails (its file is left out)."""
    executable = shutil.which(command[0]) or (str(BIN / command[0]) if (BIN / command[0]).exists() else None)
    if executable is None:
        return False
    result = subprocess.run([executable, *command[1:]], cwd=cwd, capture_output=True, text=True)
    return result.returncode == 0


def _gnu_po(folder: Path) -> Path | None:
    """A catalogue made by GNU gettext itself: xgettext, msginit, then translations, msgcat."""
    (folder / "kebun.py").write_text(PYTHON_SOURCE, "utf-8")
    if not (_run(["xgettext", "--language=Python", "--add-comments=TRANSLATORS", "-o", "kebun.pot", "kebun.py"], folder)
            and _run(["msginit", "--no-translator", "--locale=id_ID.UTF-8", "-i", "kebun.pot", "-o", "raw.po"], folder)):
        return None
    import polib

    po = polib.pofile(str(folder / "raw.po"))
    # msginit leaves placeholders where the system has no Indonesian locale data.
    po.metadata.update({"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=1; plural=0;",
                        "Project-Id-Version": "kebun 1.0"})
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: "%d benih"}
        elif entry.msgid == "Open the garden":
            entry.msgstr = "Buka kebun"
        elif entry.msgctxt == "season":
            entry.msgstr = "Musim semi"
            entry.flags.append("fuzzy")
    po.save(str(folder / "translated.po"))
    return folder / "gnu.po" if _run(["msgcat", "-o", "gnu.po", "translated.po"], folder) else None


def _weblate_tbx(folder: Path) -> Path | None:
    """A TBX written by translate-toolkit's TBX store, which Weblate exports glossaries with."""
    try:
        from translate.storage import tbx
    except ImportError:
        return None
    store = tbx.tbxfile(sourcelanguage="en", targetlanguage="id")
    for source, target, note in (("garden", "kebun", "a place to grow plants"), ("to water", "menyiram", ""),
                                 ("plant", "tanaman", "")):
        unit = store.addsourceunit(source)
        unit.settarget(target, lang="id")
        if note:
            unit.addnote(note)
    path = folder / "weblate.tbx"
    path.write_bytes(bytes(store))
    return path


def build(folder: Path) -> dict[str, list[Path]]:
    """Write the corpus into ``folder``; the paths by format (po, xliff, tmx, tbx, moses, tsv)."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, list[Path]] = {name: [] for name in ("po", "xliff", "tmx", "tbx", "moses", "tsv")}

    def write(name: str, text: str, kind: str, encoding: str = "utf-8") -> Path:
        path = folder / name
        path.write_bytes(text.encode(encoding))
        files[kind].append(path)
        return path

    write("weblate.id.po", WEBLATE_PO, "po")
    write("django.pt_BR.po", DJANGO_PO, "po")
    write("sphinx.id.po", SPHINX_PO, "po")
    write("latin9.fr.po", LATIN9_PO, "po", "iso-8859-15")
    gnu = _gnu_po(folder)
    if gnu is not None:
        files["po"].append(gnu)
    (folder / "terms.csv").write_text('"source","target"\n"Water the plants","Siram tanaman"\n"Seed","Benih"\n', "utf-8")
    if _run(["csv2po", "terms.csv", "csv2po.po"], folder):
        files["po"].append(folder / "csv2po.po")
    write("okapi.xlf", OKAPI_XLIFF, "xliff")
    write("xcode.xliff", XCODE_XLIFF, "xliff")
    write("winres-1.0.xlf", XLIFF_10, "xliff")
    write("npm-2.0.xlf", NPM_XLIFF2, "xliff")
    if _run(["po2xliff", "weblate.id.po", "po2xliff.xlf"], folder):
        files["xliff"].append(folder / "po2xliff.xlf")
    write("omegat4.tmx", OMEGAT4_TMX, "tmx")
    write("omegat3.tmx", OMEGAT3_TMX, "tmx")
    write("trados.tmx", TRADOS_TMX, "tmx", "utf-16")
    write("perl-3langs.tmx", PERL_TMX, "tmx")
    write("tico.tmx", TICO_TMX, "tmx")
    if _run(["po2tmx", "-l", "id", "weblate.id.po", "po2tmx.tmx"], folder):
        files["tmx"].append(folder / "po2tmx.tmx")
    write("basic.tbx", TBX_BASIC, "tbx")
    write("v3-dca.tbx", TBX_V3_DCA, "tbx")
    write("v3-dct.tbx", TBX_V3_DCT, "tbx")
    write("min.tbx", TBX_MIN, "tbx")
    (folder / "glossary.csv").write_text("source,target\ngarden,kebun\nseed,benih\n", "utf-8")
    if _run(["csv2tbx", "glossary.csv", "csv2tbx.tbx"], folder):
        files["tbx"].append(folder / "csv2tbx.tbx")
    weblate = _weblate_tbx(folder)
    if weblate is not None:
        files["tbx"].append(weblate)
    for name, text in MOSES.items():
        (folder / name).write_text(text, "utf-8")
    files["moses"].append(folder / "opus.id")
    write("pairs.tsv", HEADERLESS_TSV, "tsv")
    return files


# -- OmegaT itself (slow: a Java start) ---------------------------------------------------

OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes><mask>**/.git/**</mask></source_dir_excludes>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>en</source_lang>
    <target_lang>id</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneIndonesianTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""
OMEGAT_PAGE = ("<html><head><meta charset=\"utf-8\"><title>Kebun</title></head><body>"
               "<p>Orangutans <b>eat</b> fruit.</p><p>Press <i>Enter</i> now.</p></body></html>\n")
OMEGAT_SAVE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="3.6.0_10" \
segtype="sentence" srclang="en"/>
  <body>
    <tu><tuv lang="en"><seg>Orangutans &lt;b0&gt;eat&lt;/b0&gt; fruit.</seg></tuv><tuv lang="id" changeid="budi" \
changedate="20240305T081200Z"><seg>Orangutan &lt;b0&gt;makan&lt;/b0&gt; buah.</seg></tuv></tu>
    <tu><tuv lang="en"><seg>Kebun</seg></tuv><tuv lang="id"><seg>Kebun</seg></tuv></tu>
  </body>
</tmx>
"""


def omegat_memories(folder: Path) -> list[Path]:
    """The TMX files OmegaT itself writes (``console-translate`` of an HTML page with a
    translator's memory): ``-level1`` (text), ``-level2`` (tags as ``<bpt>``/``<ept>``) and
    ``-omegat`` (TMX 1.1, OmegaT's tags). [] when OmegaT is not installed or fails."""
    omegat = shutil.which("omegat")
    if omegat is None:
        return []
    project = folder / "kebun"
    for name in ("source", "target", "tm", "glossary", "dictionary", "omegat"):
        (project / name).mkdir(parents=True, exist_ok=True)
    (project / "omegat.project").write_text(OMEGAT_PROJECT, "utf-8")
    (project / "source" / "page.html").write_text(OMEGAT_PAGE, "utf-8")
    (project / "omegat" / "project_save.tmx").write_text(OMEGAT_SAVE, "utf-8")
    run = subprocess.run([omegat, "--mode=console-translate", f"--config-dir={folder / 'config'}", str(project)],
                         capture_output=True, text=True, timeout=300)
    if run.returncode != 0:
        return []
    return sorted(project.glob("kebun-*.tmx"))


# -- how translate-toolkit sees a file ----------------------------------------------------


def tt_store(path: Path):
    """The file as translate-toolkit reads it (its XLIFF 2.0 store for XLIFF 2.0)."""
    from translate.storage import factory

    data = path.read_bytes()
    if path.suffix in (".xlf", ".xliff") and b"xliff:document:2.0" in data:
        from translate.storage import xliff2

        return xliff2.Xliff2File.parsefile(str(path))
    return factory.getobject(str(path))


def tt_view(path: Path) -> dict:
    """What translate-toolkit reads of a file: languages, then each unit's id, texts,
    plurals, context, notes, state, locations, and its rich text (inline codes)."""
    store = tt_store(path)
    units = []
    for unit in store.units:
        target = unit.target
        units.append({
            "id": unit.getid(),
            "source": list(getattr(unit.source, "strings", [unit.source])),
            "target": None if target is None else list(getattr(target, "strings", [target])),
            "rich": repr(unit.rich_source) + repr(unit.rich_target),
            "plural": unit.hasplural(),
            "context": unit.getcontext(),
            "notes": unit.getnotes(),
            "fuzzy": unit.isfuzzy(),
            "state": unit.get_state_n(),
            "obsolete": unit.isobsolete(),
            "locations": unit.getlocations(),
            "header": unit.isheader(),
        })
    return {"source_lang": store.getsourcelanguage(), "target_lang": store.gettargetlanguage(), "units": units}
