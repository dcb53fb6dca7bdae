<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>LanguageBox</name>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie im System eingestellt</translation>
    </message>
    <message>
        <source>Applies the next time SupportDesk starts.</source>
        <translation>Gilt ab dem nächsten Start von SupportDesk.</translation>
    </message>
</context>
</TS>
