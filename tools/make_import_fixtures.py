#!/usr/bin/env python3
"""Writes the hand-authored files `dorkarta import` is tested on: tests/import/*.docx, *.xlsx
(and the Excel municipality table of `dorkarta batch`).

Each file is typed the way people type roadmaps in Word and Excel, one variant of the issue's
list per file (see the docstring of each function). The files are committed; run this again
after changing it:

    pip install python-docx openpyxl
    python3 tools/make_import_fixtures.py

The output is the same bytes every run: the documents' dates are fixed.
"""
import datetime
import os
import re
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "import")
FIXED = datetime.datetime(2024, 1, 1)


def new_document():
    doc = Document()
    doc.core_properties.created = FIXED
    doc.core_properties.modified = FIXED
    doc.core_properties.last_printed = FIXED
    doc.core_properties.author = "dorkarta"
    doc.core_properties.last_modified_by = "dorkarta"
    doc.core_properties.revision = 1
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    return doc


def save(doc, name):
    path = os.path.join(OUT, name)
    doc.save(path)
    normalise_zip(path)


def normalise_zip(path):
    """Rewrites the ZIP with fixed entry times, so the bytes do not depend on the clock."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if name == "docProps/core.xml":
                # openpyxl stamps the time of saving, whatever the properties say.
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", data)
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def right(doc, text, indent=None):
    p = doc.add_paragraph(text)
    if indent is None:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    else:
        p.paragraph_format.left_indent = indent
    return p


def centred(doc, text, bold=False):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    lines = text.split("\n")
    run = p.add_run(lines[0])
    run.bold = bold
    for line in lines[1:]:
        run.add_break()  # Shift+Enter
        run = p.add_run(line)
        run.bold = bold
    return p


def labelled(doc, label, text=""):
    p = doc.add_paragraph()
    p.add_run(label).bold = True
    if text:
        p.add_run(" " + text)
    return p


def repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)


def fill(cell, text, bold=False, italic=False):
    """A cell's text: `\\n\\n` starts a paragraph, `\\n` is Shift+Enter."""
    paragraphs = text.split("\n\n")
    cell.paragraphs[0].text = ""
    for i, para in enumerate(paragraphs):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        lines = para.split("\n")
        for j, line in enumerate(lines):
            run = p.add_run(line)
            run.bold = bold
            run.italic = italic
            if j < len(lines) - 1:
                run.add_break()


def spell_marked(paragraph, words):
    """Runs split by spell-check marks and a bookmark, as Word saves a checked paragraph."""
    p = paragraph._p
    for i, word in enumerate(words):
        if i == 1:
            start = OxmlElement("w:proofErr")
            start.set(qn("w:type"), "spellStart")
            p.append(start)
            mark = OxmlElement("w:bookmarkStart")
            mark.set(qn("w:id"), "0")
            mark.set(qn("w:name"), "_GoBack")
            p.append(mark)
        run = paragraph.add_run(word)
        if i == 1:
            end = OxmlElement("w:bookmarkEnd")
            end.set(qn("w:id"), "0")
            p.append(end)
            stop = OxmlElement("w:proofErr")
            stop.set(qn("w:type"), "spellEnd")
            p.append(stop)
    return run


def table(doc, titles, widths):
    t = doc.add_table(rows=1, cols=len(titles))
    t.style = "Table Grid"
    for cell, title in zip(t.rows[0].cells, titles):
        fill(cell, title, bold=True)
    for col, width in zip(t.columns, widths):
        for cell in col.cells:
            cell.width = Cm(width)
    return t


def add_row(t, values):
    row = t.add_row()
    for cell, value in zip(row.cells, values):
        if value:
            fill(cell, value)
    return row


def across(t, text, bold=True, italic=False, number=None):
    """A stage row: one cell merged across, or a number with the rest merged."""
    row = t.add_row()
    cells = row.cells
    if number is None:
        merged = cells[0].merge(cells[-1])
    else:
        fill(cells[0], number, bold=bold)
        merged = cells[1].merge(cells[-1])
    fill(merged, text, bold=bold, italic=italic)
    return row


def appendix_right_aligned():
    """Mark as right-aligned paragraphs; title in one paragraph with Shift+Enter; subtitle;
    a bold «Цель:» block and «Задачи:» with Word bullets; the header row marked to repeat;
    stage rows merged across; typed numbers with mistakes («1.1», «2..», a repeated «1.2.»);
    several paragraphs, Shift+Enter, typed dashes and Word bullets in a cell; a cell merged down over two
    items; an empty cell; runs split by spell-check marks and a bookmark."""
    doc = new_document()
    right(doc, "Приложение")
    right(doc, "к приказу Управления образования г. Энска")
    right(doc, "от 16.02.2023 № 206")
    centred(doc, "Дорожная карта\nпо поддержке школ с низкими результатами на 2023 год", bold=True)
    centred(doc, "(школы № 1, 2 и 5 г. Энска)")
    labelled(doc, "Цель:", "повышение качества образования в школах района")
    labelled(doc, "Задачи:")
    doc.add_paragraph("выявить затруднения учителей", style="List Bullet")
    doc.add_paragraph("организовать наставничество", style="List Bullet")
    t = table(
        doc,
        ["№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственный исполнитель"],
        [1.5, 8, 3, 4.5],
    )
    repeat_header(t.rows[0])
    across(t, "Подготовительный этап")
    add_row(t, ["1.", "Совещание с руководителями школ", "Февраль 2023 г.", "Управление образования"])
    row = add_row(t, ["1.1", "", "до 10 марта 2023 г.", "Методический центр"])
    spell_marked(row.cells[1].paragraphs[0], ["Анализ ", "результатов", " мониторинга"])
    row = add_row(t, ["1.2.", "Разработка планов:\n\n– плана наставничества;\n\n– плана повышения квалификации", "Март 2023 г.", "Школы"])
    row2 = add_row(t, ["1.2.", "Семинар для учителей\nматематики и русского языка", "Апрель 2023 г.", ""])
    row.cells[3].merge(row2.cells[3])
    across(t, "Основной этап")
    add_row(t, ["2..", "Открытые уроки", "В течение года", "Школы"])
    row = add_row(t, ["2.1", "Обучение педагогов:", "Октябрь 2023 г.", "Методический центр"])
    row.cells[1].add_paragraph("курсы повышения квалификации", style="List Bullet")
    row.cells[1].add_paragraph("стажировки", style="List Bullet")
    add_row(t, ["3.", "Итоговая конференция", "Декабрь 2023 г.", "Управление образования"])
    save(doc, "appendix-right-aligned.docx")


def approved_indented():
    """«УТВЕРЖДЕНА приказом …» pushed right by a left indent; a title in several bold
    paragraphs; a preamble list typed with «-» and «–»; stage rows with the number in the first
    cell and the rest merged; columns «Уровень управления», «Описание специфики», «Участники»,
    «Отметка о выполнении» (left empty); numbering by hand, 1.1, 1.2 under each stage."""
    doc = new_document()
    right(doc, "УТВЕРЖДЕНА", indent=Cm(10))
    right(doc, "приказом Отдела образования Энского района", indent=Cm(10))
    right(doc, "от 30.10.2023 № 45-ОД", indent=Cm(10))
    centred(doc, "План мероприятий", bold=True)
    centred(doc, "по профилактике учебной неуспешности", bold=True)
    labelled(doc, "Участники:")
    doc.add_paragraph("- общеобразовательные организации района;")
    doc.add_paragraph("– методические объединения учителей")
    t = table(
        doc,
        ["№", "Уровень управления", "Мероприятие", "Описание специфики", "Участники", "Отметка о выполнении"],
        [1.2, 3, 6, 4, 3, 2],
    )
    across(t, "Организационное направление", number="1.")
    r1 = add_row(t, ["1.1.", "Муниципальный", "Совещание руководителей", "Для директоров школ", "Директора", ""])
    r2 = add_row(t, ["1.2.", "", "Разработка положения о наставничестве", "Положение утверждается приказом", "Отдел образования", ""])
    r1.cells[1].merge(r2.cells[1])
    add_row(t, ["1.3.", "Институциональный", "Собрание педагогов", "", "Учителя", ""])
    across(t, "Методическое направление", number="2.")
    add_row(t, ["2.1.", "Муниципальный", "Цикл семинаров", "Для учителей начальных классов", "Учителя", ""])
    save(doc, "approved-indented.docx")


def approver_in_layout_table():
    """A stamp «УТВЕРЖДАЮ» with position, name and date in the right cell of a borderless
    table; stage rows as bold text alone in an otherwise empty row; a heading row in italics;
    items numbered by Word (List Number), one of them with sub-rows (parts) sharing its number
    cell merged down; landscape pages."""
    doc = new_document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    stamp = doc.add_table(rows=1, cols=2)
    fill(stamp.rows[0].cells[1], "УТВЕРЖДАЮ\n\nНачальник управления образования\n\n____________ И.И. Петрова\n\n22.09.2021")
    centred(doc, "Дорожная карта сопровождения молодых учителей", bold=True)
    t = table(doc, ["№ п/п", "Содержание деятельности", "Сроки", "Ответственные", "Планируемый результат"], [1.5, 9, 3, 5, 5])
    row = add_row(t, ["", "Подготовительный этап", "", "", ""])
    for p in row.cells[1].paragraphs:
        for r in p.runs:
            r.bold = True
    first = add_row(t, ["", "Организация наставничества:", "", "", "Закреплены наставники"])
    first.cells[0].paragraphs[0].style = doc.styles["List Number"]
    part1 = add_row(t, ["", "подбор наставников", "Сентябрь 2021 г.", "Школы", ""])
    part2 = add_row(t, ["", "утверждение пар", "Октябрь 2021 г.", "Управление", ""])
    first.cells[0].merge(part1.cells[0]).merge(part2.cells[0])
    first.cells[4].merge(part1.cells[4]).merge(part2.cells[4])
    row = add_row(t, ["", "Диагностика затруднений", "I квартал 2022", "Методический центр", "Карта затруднений"])
    row.cells[0].paragraphs[0].style = doc.styles["List Number"]
    across(t, "Сопровождение в течение года", bold=False, italic=True)
    row = add_row(t, ["", "Консультации", "ежемесячно", "Методисты", "Оказана помощь"])
    row.cells[0].paragraphs[0].style = doc.styles["List Number"]
    row = add_row(t, ["", "Итоговый семинар", "", "", ""])
    for p in row.cells[1].paragraphs:
        for r in p.runs:
            r.bold = True
    row = add_row(t, ["", "Подведение итогов", "Май 2022 г.", "Управление", "Отчёт"])
    row.cells[0].paragraphs[0].style = doc.styles["List Number"]
    save(doc, "approver-in-layout-table.docx")


def order_with_appendices():
    """The order itself: header, «ПРИКАЗ», date and number on one tabbed line, place, heading,
    preamble ending with «п р и к а з ы в а ю:», clauses numbered by hand (and the last by Word)
    with dash items, a
    signature with tabs between position and name; then two appendices after a page break and
    a section break, the second landscape."""
    doc = new_document()
    centred(doc, "ОТДЕЛ ОБРАЗОВАНИЯ", bold=True)
    centred(doc, "АДМИНИСТРАЦИИ ЭНСКОГО РАЙОНА", bold=True)
    centred(doc, "ПРИКАЗ", bold=True)
    p = doc.add_paragraph("от 30.10.2023\t\t\t\t\t\t\t№ 159")
    centred(doc, "г. Энск")
    centred(doc, "Об утверждении планов мероприятий по работе со школами", bold=True)
    p = doc.add_paragraph("Во исполнение приказа Департамента по образованию от 08.06.2022 № 548-ОД")
    doc.add_paragraph("п р и к а з ы в а ю:")
    doc.add_paragraph("1. Утвердить план мероприятий по работе со школами (приложение 1).")
    doc.add_paragraph("2. Утвердить план мероприятий по профилактике неуспешности (приложение 2).")
    doc.add_paragraph("3. Руководителям школ:")
    doc.add_paragraph("– обеспечить выполнение планов;")
    doc.add_paragraph("– представить отчёт до 1 июля 2024 г.")
    # The last clause numbered by Word, not by hand.
    doc.add_paragraph("Контроль за исполнением приказа оставляю за собой.", style="List Number")
    doc.add_paragraph()
    p = doc.add_paragraph("Начальник Отдела образования\t\t\t\t\tА.В. Иванова")
    p.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
    doc.add_page_break()
    right(doc, "Приложение № 1")
    right(doc, "к приказу Отдела образования Энского района")
    right(doc, "от 30.10.2023 № 159")
    centred(doc, "План мероприятий по работе со школами", bold=True)
    t = table(doc, ["№ п/п", "Мероприятие", "Сроки", "Ответственные"], [1.5, 9, 3, 4])
    across(t, "Организационный этап")
    add_row(t, ["1.", "Совещание директоров", "Ноябрь 2023 г.", "Отдел образования"])
    add_row(t, ["2.", "Мониторинг результатов", "Декабрь 2023 г.", "Школы"])
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    right(doc, "Приложение № 2")
    right(doc, "к приказу Отдела образования Энского района")
    right(doc, "от 30.10.2023 № 159")
    centred(doc, "План мероприятий по профилактике неуспешности", bold=True)
    t = table(doc, ["№ п/п", "Мероприятие", "Сроки", "Ответственные", "Участники"], [1.5, 10, 3, 5, 5])
    across(t, "Диагностический этап")
    add_row(t, ["1.", "Выявление неуспевающих учащихся", "Ноябрь-декабрь 2023 г.", "Школы", "Учителя"])
    add_row(t, ["2.", "Индивидуальные маршруты", "В течение года", "Школы", "Учителя, родители"])
    save(doc, "order-with-appendices.docx")


def spreadsheet():
    """An Excel roadmap: the mark at the top right, the title merged over the first row, a
    header with wrapped text, stage rows merged across, numbers stored as text («1.1») and as
    numbers (2), a deadline as an Excel date, Alt+Enter line breaks in a cell with wrap text,
    a responsible cell merged down over two items."""
    wb = Workbook()
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "dorkarta"
    ws = wb.active
    ws.title = "Дорожная карта"
    wrap = Alignment(wrap_text=True, vertical="top")
    ws["D1"] = "Приложение"
    ws["D2"] = "к приказу Комитета образования г. Энска"
    ws["D3"] = "от 01.09.2022 № 12"
    ws.merge_cells("A5:D5")
    ws["A5"] = "Дорожная карта по повышению качества образования на 2022-2023 учебный год"
    ws["A5"].font = Font(bold=True)
    ws["A5"].alignment = Alignment(horizontal="center", wrap_text=True)
    header = ["№\nп/п", "Мероприятие", "Сроки\nреализации", "Ответственные"]
    for col, title in enumerate(header, start=1):
        cell = ws.cell(row=7, column=col, value=title)
        cell.alignment = wrap
        cell.font = Font(bold=True)
    ws.merge_cells("A8:D8")
    ws["A8"] = "Аналитический этап"
    ws["A9"] = "1"
    ws["B9"] = "Анализ результатов ОГЭ и ЕГЭ"
    ws["C9"] = "Сентябрь 2022 г."
    ws["D9"] = "Комитет образования"
    ws["A10"] = "2"
    ws["B10"] = "Собеседование с руководителями:\n– школы № 3;\n– школы № 7"
    ws["B10"].alignment = wrap
    ws["C10"] = datetime.date(2022, 10, 14)
    ws["C10"].number_format = "DD.MM.YYYY"
    ws["D10"] = "Комитет образования,\nметодический центр"
    ws["D10"].alignment = wrap
    ws["A11"] = 3
    ws["B11"] = "Составление планов работы школ"
    ws["C11"] = "Октябрь 2022 г."
    ws["D11"] = "Руководители школ"
    ws["A12"] = "4"
    ws["B12"] = "Утверждение планов работы школ"
    ws["C12"] = "Ноябрь 2022 г."
    ws.merge_cells("D11:D12")
    ws.merge_cells("A13:D13")
    ws["A13"] = "Практический этап"
    ws["A14"] = "1"
    ws["B14"] = "Курсы повышения квалификации учителей"
    ws["C14"] = "I полугодие 2023"
    ws["D14"] = "Методический центр"
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["D"].width = 30
    path = os.path.join(OUT, "plan.xlsx")
    wb.save(path)
    normalise_zip(path)


def municipalities():
    """A municipality table for `dorkarta batch --municipalities` as Excel keeps it (not an
    import, but read by the same workbook reader): a header row, a date cell, a date typed as
    text «ДД.ММ.ГГГГ», a number stored as a number, an empty row, an impossible date."""
    wb = Workbook()
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "dorkarta"
    ws = wb.active
    ws.title = "Муниципалитеты"
    ws.append(["name", "authority", "authority_genitive", "date", "number"])
    ws.append(["Ершичи", "Отдел образования", "Отдела образования", datetime.date(2023, 9, 1), 15])
    ws.append(["Рославль", "Управление образования", "Управления образования", "31.02.2023", "16"])
    ws.append([])
    ws.append(["Починок", "Отдел образования", "Отдела образования", "01.09.2023", "017"])
    ws["A2"].number_format = "@"
    path = os.path.join(OUT, "municipalities.xlsx")
    wb.save(path)
    normalise_zip(path)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    appendix_right_aligned()
    approved_indented()
    approver_in_layout_table()
    order_with_appendices()
    spreadsheet()
    municipalities()
