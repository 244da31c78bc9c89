//! The command line's grammar. Commands, flags, JSON fields and exit codes are a contract with
//! the ministries' scripts: extend, never rename.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "konzeptstudio",
    version,
    about = "Konzeptstudio: Maßnahmen, Stellungnahmen, Versionsgeschichte und Fassungen eines Integrationskonzepts",
    long_about = None
)]
pub struct Cli {
    /// Konzeptdatei (SQLite) oder postgres://-URL der Teamdatenbank.
    #[arg(
        long,
        global = true,
        env = "KONZEPTSTUDIO_DB",
        value_name = "DATEI|URL"
    )]
    pub db: Option<String>,

    /// Als anderer Benutzer handeln (nur für die Administration; für Skripte und Tests).
    #[arg(long = "as", global = true, value_name = "BENUTZER")]
    pub act_as: Option<String>,

    /// Ausgabe als JSON (für Skripte).
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Neues Konzept anlegen (--demo: das ZIK-II-Demokonzept; --from: aus einem Word-Dokument).
    Init(InitArgs),
    /// Synthetische Daten in beliebiger Größe erzeugen (für Benchmarks und Skalierungstests).
    Generate(GenerateArgs),
    /// Überblick: Konzept, Handlungsfelder, Maßnahmen nach Status, Fassungen.
    Overview {
        /// Der Stand zu einem früheren Zeitpunkt (deutsche Zeit; ein Datum meint sein Ende).
        #[arg(long, value_name = "JJJJ-MM-TT[THH:MM]")]
        as_of: Option<String>,
    },
    /// Titel, Leitidee, Vorwort, Herausgeber und Impressum des Konzepts.
    #[command(subcommand)]
    Concept(ConceptCommand),
    /// Maßnahmen lesen und ändern.
    #[command(subcommand)]
    Measures(MeasuresCommand),
    /// Handlungsfelder und Ziele.
    #[command(subcommand)]
    Fields(FieldsCommand),
    /// Ressorts und Umressortierung.
    #[command(subcommand)]
    Ministries(MinistriesCommand),
    /// Fassungen einfrieren und verwalten.
    #[command(subcommand)]
    Editions(EditionsCommand),
    /// Benutzer und Rollen.
    #[command(subcommand)]
    Users(UsersCommand),
    /// Stellungnahmen.
    #[command(subcommand)]
    Comments(CommentsCommand),
    /// Volltextsuche über Maßnahmen und Stellungnahmen.
    Search(SearchArgs),
    /// Sicherung des Konzepts in eine Datei (SQLite mit Manifest), während andere weiterarbeiten.
    Backup(BackupArgs),
    /// Eine Sicherung in eine neue Datei oder eine leere Teamdatenbank wiederherstellen und prüfen.
    Restore(RestoreArgs),
    /// Das Konzept mit Historie, Fassungen und Benutzern in eine neue Datei oder eine leere
    /// Teamdatenbank kopieren (z. B. von der Datei in die Teamdatenbank) und prüfen.
    Copy(CopyArgs),
    /// Exporte, z. B. die Abwägungstabelle.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Benchmark: erzeugt Daten in den Größen S, M, L und misst die Kernoperationen.
    Bench(BenchArgs),
    /// Die Dokumente des Konzepts: druckfertig als PDF, als Word-Datei (--format docx) oder als
    /// Webfassung (--format html).
    #[command(subcommand)]
    Render(RenderCommand),
    /// Mitzeichnung (Ressortabstimmung): Runden eröffnen, beantworten, Vorbehalte ausräumen,
    /// abschließen; Stand und Erinnerungen.
    #[command(subcommand)]
    Cosign(CosignCommand),
    /// Berichtsabfrage: Runden zu einem Stichtag eröffnen, Berichte der Ressorts ausfüllen,
    /// einreichen und wieder öffnen; Stand und Erinnerungen.
    #[command(subcommand)]
    Reports(ReportsCommand),
    /// Die Prüfkette der Historie: prüfen (Exit-Code 6, wenn etwas an der Anwendung vorbei
    /// verändert wurde) und ihren Kopf für die Akte ausgeben.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Die Teamdatenbank (PostgreSQL): Gruppenrollen, Rechte und Anmeldungen.
    #[command(subcommand)]
    Team(TeamCommand),
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Die ganze Kette aus der gespeicherten Historie neu berechnen und vergleichen.
    Verify {
        /// Ein früher festgehaltener Kettenkopf (ID:PRÜFWERT aus `audit head`): beweist, dass bis
        /// dorthin nichts verändert wurde.
        #[arg(long, value_name = "ID:PRÜFWERT")]
        head: Option<String>,
    },
    /// Den aktuellen Kettenkopf ausgeben (Änderungs-ID und Prüfwert), z. B. für die Akte.
    Head,
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Gruppenrollen anlegen, ihre Rechte vergeben und die Anmeldungen der Benutzer zuordnen;
    /// bringt vorher das Schema auf den Stand dieses Programms. Führt der Eigentümer der
    /// Datenbank aus, einmal und nach jedem Update; ein zweiter Lauf ändert nichts.
    Setup,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Die Sicherungsdatei (neu; eine vorhandene nur mit --replace).
    #[arg(long, value_name = "DATEI")]
    pub out: PathBuf,
    /// Eine vorhandene Datei ersetzen.
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// Die Sicherung (von „konzeptstudio backup“).
    pub backup: PathBuf,
    /// Ziel: eine neue Konzeptdatei oder die postgres://-URL einer leeren Datenbank.
    #[arg(long, value_name = "DATEI|URL", required_unless_present = "check")]
    pub to: Option<String>,
    /// Nur prüfen (Datei, Manifest, Prüfkette), nichts schreiben.
    #[arg(long, conflicts_with = "to")]
    pub check: bool,
    /// Datenbank-Anmeldung eines Benutzers in der Teamdatenbank (wiederholbar).
    #[arg(long = "login", value_name = "BENUTZER=ANMELDUNG")]
    pub logins: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// Ziel: eine neue Konzeptdatei oder die postgres://-URL einer leeren Datenbank.
    #[arg(long, value_name = "DATEI|URL")]
    pub to: String,
    /// Datenbank-Anmeldung eines Benutzers in der Teamdatenbank, z. B. anna=anna.schmidt
    /// (wiederholbar; jeder aktive Benutzer braucht eine).
    #[arg(long = "login", value_name = "BENUTZER=ANMELDUNG")]
    pub logins: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum ConceptCommand {
    /// Titel, Leitidee, Motto, Vorwort, Herausgeber und Impressum zeigen.
    Show,
    /// Einzelne Angaben ändern (nur Redaktion und Administration); nicht genannte bleiben.
    Set(Box<ConceptSetArgs>),
}

#[derive(Debug, Args)]
pub struct ConceptSetArgs {
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub short_title: Option<String>,
    #[arg(long)]
    pub leitidee: Option<String>,
    #[arg(long)]
    pub motto: Option<String>,
    /// Vorwort (Markdown) aus einer Datei (UTF-8).
    #[arg(long)]
    pub foreword_file: Option<PathBuf>,
    /// Herausgeber (Titelseite und Impressum).
    #[arg(long)]
    pub issuer: Option<String>,
    /// Impressum: Anschrift des Herausgebers (Zeilen mit \n trennen).
    #[arg(long)]
    pub address: Option<String>,
    /// Impressum: Redaktion.
    #[arg(long)]
    pub editor: Option<String>,
    /// Impressum: Gestaltung und Satz.
    #[arg(long)]
    pub design: Option<String>,
    /// Impressum: Druck.
    #[arg(long)]
    pub printer: Option<String>,
    /// Impressum: Bezug (Bestelladresse, Download).
    #[arg(long)]
    pub ordering: Option<String>,
    /// Impressum: Copyright.
    #[arg(long)]
    pub copyright: Option<String>,
    /// Impressum: Verteilerhinweis.
    #[arg(long)]
    pub distribution_note: Option<String>,
    /// Die Version, auf der die Änderung beruht (sonst die aktuelle).
    #[arg(long)]
    pub expect_version: Option<i64>,
    /// Grund der Änderung (Versionsgeschichte).
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Das ZIK-II-Demokonzept anlegen (Fakten plus als Beispiel markierte Inhalte).
    #[arg(long)]
    pub demo: bool,
    /// Titel eines leeren Konzepts (Vorgabe: „Zuwanderungs- und Integrationskonzept“; mit
    /// --from der Titel des Dokuments).
    #[arg(long, value_name = "TITEL")]
    pub title: Option<String>,
    /// Ein bestehendes Konzept aus einem Word-Dokument (DOCX) übernehmen: Handlungsfelder,
    /// Ziele, Maßnahmen mit ihren Fakten und Ressorts, in einer Änderung.
    #[arg(long, value_name = "DOCX", conflicts_with = "demo")]
    pub from: Option<PathBuf>,
    /// Mit --from: nur zeigen, was erkannt wurde und was nicht; nichts anlegen.
    #[arg(long, requires = "from")]
    pub preview: bool,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[arg(long, default_value_t = 300)]
    pub measures: usize,
    #[arg(long, default_value_t = 1000)]
    pub comments: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Debug, Subcommand)]
pub enum MeasuresCommand {
    /// Alle passenden Maßnahmen (ohne --limit: alle).
    List {
        /// Nummer des Handlungsfelds (schließt Unterfelder ein).
        #[arg(long)]
        field: Option<String>,
        /// Ressortkürzel, federführend oder beteiligt.
        #[arg(long)]
        ministry: Option<String>,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        limit: Option<i64>,
        /// Der Stand zu einem früheren Zeitpunkt (deutsche Zeit; ein Datum meint sein Ende),
        /// aus der Versionsgeschichte.
        #[arg(long, value_name = "JJJJ-MM-TT[THH:MM]")]
        as_of: Option<String>,
    },
    /// Eine Maßnahme mit allen Angaben.
    Show {
        code: String,
        /// Die Maßnahme, wie sie zu diesem Zeitpunkt war (deutsche Zeit; ein Datum meint sein
        /// Ende).
        #[arg(long, value_name = "JJJJ-MM-TT[THH:MM]")]
        as_of: Option<String>,
    },
    /// Felder setzen: FELD=WERT … (Text aus Datei: FELD=@datei.md).
    Set {
        code: String,
        #[arg(value_name = "FELD=WERT", required = true)]
        assignments: Vec<String>,
        /// Die Version, auf der die Änderung beruht (aus `measures show`).
        #[arg(long)]
        expect_version: i64,
        /// Begründung für die Versionsgeschichte.
        #[arg(long)]
        reason: Option<String>,
        /// Stellungnahme, auf die die Änderung antwortet.
        #[arg(long)]
        comment: Option<i64>,
    },
    /// Versionsgeschichte einer Maßnahme.
    History { code: String },
    /// Wortgenauer Vergleich zweier Versionen.
    Diff { code: String, v1: i64, v2: i64 },
    /// Eine Maßnahme aus dem aktuellen Stand entfernen („entfällt“); Geschichte und Fassungen bleiben.
    Delete {
        code: String,
        #[arg(long)]
        expect_version: i64,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Eine frühere Version wiederherstellen (als neue Version).
    Restore {
        code: String,
        version: i64,
        #[arg(long)]
        expect_version: Option<i64>,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Maßnahmen als Excel-Arbeitsmappe oder CSV, eine Zeile je Maßnahme mit ihrer Version
    /// (zum Bearbeiten in den Ressorts und Wiedereinlesen mit `measures import`).
    Export {
        /// xlsx (Auswahllisten, Erläuterungen) oder csv (UTF-8, Semikolon).
        #[arg(long, default_value = "xlsx")]
        format: String,
        #[arg(long)]
        out: PathBuf,
        /// Nur dieses Handlungsfeld (mit Unterfeldern).
        #[arg(long)]
        field: Option<String>,
        /// Nur Maßnahmen dieses Ressorts (federführend oder beteiligt).
        #[arg(long)]
        ministry: Option<String>,
    },
    /// Eine bearbeitete Arbeitsmappe (oder CSV) einlesen: Änderungen Feld für Feld, als eine
    /// Änderung mit einer Version je Maßnahme. Exit-Code 5: unlesbare Werte, 4: fremde
    /// Maßnahmen, 3: seit dem Export geändert (nichts geschrieben).
    Import {
        file: PathBuf,
        /// Nur anzeigen, was sich ändern würde.
        #[arg(long)]
        preview: bool,
        /// Begründung (Standard: „Import <Dateiname>“).
        #[arg(long)]
        reason: Option<String>,
        /// Zeilen mit Konflikt auslassen und den Rest übernehmen.
        #[arg(long)]
        skip_conflicts: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum FieldsCommand {
    /// Handlungsfelder mit Zielen.
    List,
}

#[derive(Debug, Subcommand)]
pub enum MinistriesCommand {
    List,
    /// Ein Ressort anlegen.
    Add {
        abbreviation: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_name = "JJJJ-MM-TT")]
        valid_from: Option<String>,
    },
    /// Alle Zuständigkeiten eines Ressorts an seinen Nachfolger übergeben.
    Restructure {
        abbreviation: String,
        #[arg(long)]
        successor: String,
        #[arg(long, value_name = "JJJJ-MM-TT")]
        date: String,
        #[arg(long)]
        reason: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum EditionsCommand {
    /// Den aktuellen Stand als Fassung einfrieren.
    Freeze {
        name: String,
        /// entwurf, beteiligung, ressortabstimmung, beschlossen, abgeloest
        #[arg(long, default_value = "entwurf")]
        status: String,
        #[arg(long, value_name = "JJJJ-MM-TT")]
        adopted: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    List,
    /// Status einer Fassung ändern (der Inhalt bleibt eingefroren).
    Status {
        name: String,
        status: String,
        #[arg(long, value_name = "JJJJ-MM-TT")]
        adopted: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CosignCommand {
    /// Eine Mitzeichnungsrunde zu einer Fassung im Status „Ressortabstimmung“ eröffnen; gibt
    /// die Nummer der Runde aus.
    Open {
        /// Der Entwurf (Fassung im Status ressortabstimmung).
        #[arg(long)]
        edition: String,
        /// Frist (letzter Tag).
        #[arg(long, value_name = "JJJJ-MM-TT")]
        due: String,
        /// Die gefragten Ressorts (Standard: alle, die eine Maßnahme des Entwurfs führen oder
        /// an ihr beteiligt sind).
        #[arg(long, value_delimiter = ',', value_name = "SMS,SMK,…")]
        ministries: Option<Vec<String>>,
        /// Ressorts, deren Zustimmung die Kabinettvorlage nennen muss (z. B. das
        /// Finanzministerium); sie werden in jedem Fall gefragt.
        #[arg(long, value_delimiter = ',', value_name = "SMF")]
        required: Vec<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Alle Mitzeichnungsrunden.
    List,
    /// Stand einer Runde: Ressorts × Antwort, überfällige markiert.
    Status { round: i64 },
    /// Was ein Ressort mitzeichnen soll: seine Maßnahmen im Entwurf und was sich seit der
    /// Fassung geändert hat, die es zuletzt mitgezeichnet hat.
    Brief {
        round: i64,
        /// Standard: das eigene Ressort.
        #[arg(long)]
        ministry: Option<String>,
    },
    /// Für das eigene Ressort antworten (Mitglieder); die Redaktion vermerkt mit --ministry
    /// eine schriftlich eingegangene Antwort.
    Answer {
        round: i64,
        /// mitgezeichnet, massgaben, vorbehalt oder abgelehnt
        #[arg(long)]
        result: String,
        /// Maßgaben, Vorbehalt oder Gründe (@datei liest ihn aus einer Datei).
        #[arg(long, default_value = "")]
        text: String,
        /// Die Maßnahmen, die Maßgaben oder Vorbehalt betreffen.
        #[arg(long = "measure", num_args = 1.., value_delimiter = ',', value_name = "CODE")]
        measures: Vec<String>,
        #[arg(long)]
        ministry: Option<String>,
    },
    /// Vermerken, wie ein Vorbehalt ausgeräumt wurde (Redaktion).
    Settle {
        round: i64,
        #[arg(long)]
        ministry: String,
        /// Wie er ausgeräumt wurde (@datei liest ihn aus einer Datei).
        #[arg(long)]
        text: String,
    },
    /// Die Runde abschließen: nur ohne offenen Vorbehalt und mit allen erforderlichen
    /// Zustimmungen.
    Close {
        round: i64,
        /// Auch ohne die Antworten, die noch fehlen (sie heißen dann „keine Rückmeldung“).
        #[arg(long)]
        allow_missing: bool,
    },
    /// Erinnerungen an die Ressorts, die noch etwas schulden: je Ressort ein Text zum
    /// Kopieren (es wird nichts versandt).
    Reminders { round: i64 },
}

#[derive(Debug, Subcommand)]
pub enum ReportsCommand {
    /// Eine Berichtsabfrage zu einem Stichtag eröffnen; gibt die Nummer der Runde aus.
    Open {
        #[arg(long, value_name = "JJJJ-MM-TT")]
        cutoff: String,
        /// Frist (letzter Tag).
        #[arg(long, value_name = "JJJJ-MM-TT")]
        due: String,
        /// Die gefragten Ressorts (Standard: alle, die eine Maßnahme führen).
        #[arg(long, value_delimiter = ',', value_name = "SMS,SMK,…")]
        ministries: Option<Vec<String>>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Alle Berichtsabfragen.
    List,
    /// Stand einer Runde: Ressorts × eingereicht, Entwurf, nicht begonnen; überfällige markiert.
    Status { round: i64 },
    /// Der Bericht eines Ressorts: je Maßnahme die gemeldeten (oder vorbelegten) Werte und der
    /// Bericht der vorigen Runde.
    Show {
        round: i64,
        /// Standard: das eigene Ressort.
        #[arg(long)]
        ministry: Option<String>,
    },
    /// Den Bericht zu einer Maßnahme ausfüllen (Entwurf): status=…, progress=…,
    /// indicator:NAME=WERT[@JJJJ-MM-TT], milestone:TITEL=ja|nein, sachstand=TEXT|@datei.md
    Set {
        round: i64,
        code: String,
        #[arg(required = true, value_name = "FELD=WERT")]
        assignments: Vec<String>,
    },
    /// Den Bericht des eigenen Ressorts einreichen: er wird gesperrt und die Maßnahmen werden
    /// aktualisiert (die Redaktion reicht mit --ministry für ein Ressort ein).
    Submit {
        round: i64,
        #[arg(long)]
        ministry: Option<String>,
    },
    /// Einen eingereichten Bericht wieder öffnen (Geschäftsstelle), mit Begründung.
    Reopen {
        round: i64,
        #[arg(long)]
        ministry: String,
        #[arg(long)]
        reason: String,
    },
    /// Erinnerungen an die Ressorts, deren Bericht fehlt: je Ressort ein Text zum Kopieren.
    Reminders { round: i64 },
    /// Den Bericht eines Ressorts als Excel-Datei ausgeben (für Ressorts ohne Konzeptstudio).
    Export {
        round: i64,
        #[arg(long)]
        ministry: String,
        /// Zieldatei (.xlsx).
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Eine ausgefüllte Excel-Datei (oder CSV) in die Berichtsabfrage einlesen: füllt die
    /// Berichte als Entwurf; bei einem Fehler wird nichts geschrieben.
    Import {
        round: i64,
        file: std::path::PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    Add {
        name: String,
        /// member, drafter, staff, admin
        #[arg(long)]
        role: String,
        #[arg(long)]
        ministry: Option<String>,
        #[arg(long)]
        display_name: Option<String>,
        /// PostgreSQL-Anmeldename (Standard: der Benutzername).
        #[arg(long)]
        db_login: Option<String>,
    },
    List,
    /// Benutzer deaktivieren: kann das Konzept nicht mehr öffnen; in der Teamdatenbank verliert
    /// die Anmeldung ihre Gruppenrolle.
    Deactivate {
        name: String,
    },
    /// Einen deaktivierten Benutzer wieder aktivieren.
    Activate {
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CommentsCommand {
    /// Stellungnahmen aus einer CSV- oder XLSX-Datei importieren (streng: bei einer ungültigen
    /// Zeile wird nichts importiert, außer mit --skip-invalid).
    Import {
        file: std::path::PathBuf,
        /// Beteiligungskanal, z. B. "Online-Beteiligung 2017" (wird bei Bedarf angelegt).
        #[arg(long)]
        channel: String,
        /// csv oder xlsx (sonst am Inhalt erkannt).
        #[arg(long)]
        format: Option<String>,
        /// auto, utf-8 oder windows-1252.
        #[arg(long, default_value = "auto")]
        encoding: String,
        /// auto, ";", "," oder tab.
        #[arg(long, default_value = "auto")]
        delimiter: String,
        /// Spaltenzuordnung, z. B. text=Beitrag,received=Eingang,submitter=Name
        /// (Ziele: text, received, submitter, organisation, submitter_type, measure, field,
        /// external_id).
        #[arg(long)]
        map: Option<String>,
        /// Gültige Zeilen importieren, ungültige nur melden.
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Stellungnahmen einem Ressort (und einer Person, mit Frist) zuweisen.
    Assign {
        #[arg(required = true)]
        ids: Vec<i64>,
        #[arg(long)]
        ministry: String,
        /// Benutzer, der die Stellungnahmen bearbeitet.
        #[arg(long)]
        to: Option<String>,
        /// Frist (JJJJ-MM-TT).
        #[arg(long)]
        due: Option<String>,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Eine Stellungnahme abwägen: Votum und Antwort (bei "nicht-beruecksichtigt" Pflicht).
    Resolve {
        id: i64,
        /// beruecksichtigt, teilweise, nicht-beruecksichtigt, zur-kenntnis, nicht-zustaendig
        #[arg(long)]
        vote: String,
        #[arg(long, default_value = "")]
        answer: String,
        /// Betroffene Maßnahme (Nummer).
        #[arg(long)]
        measure: Option<String>,
        #[arg(long)]
        expect_version: i64,
    },
    /// DSGVO: Name und E-Mail der Person entfernen, die diese Stellungnahme eingereicht hat
    /// (in allen ihren Stellungnahmen; die Texte und die Organisation bleiben).
    Anonymise {
        id: i64,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Formbriefe gruppieren: gleiche und fast gleiche Texte (bestätigte Gruppen bleiben).
    Cluster {
        /// Mindestähnlichkeit (Jaccard der Wort-Dreiergruppen), 0 bis 1.
        #[arg(long, default_value_t = crate::cluster::DEFAULT_THRESHOLD)]
        threshold: f64,
    },
    /// Alle passenden Stellungnahmen (ohne --limit: alle).
    List {
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        channel: Option<String>,
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        limit: Option<i64>,
        /// Zugewiesenes Ressort ("" = keinem zugewiesen).
        #[arg(long)]
        ministry: Option<String>,
        /// Betroffene Maßnahme (Bezug oder verknüpft).
        #[arg(long)]
        measure: Option<String>,
        /// Nur offene Stellungnahmen, deren Frist vor heute liegt.
        #[arg(long)]
        overdue: bool,
        /// Nur die Stellungnahmen eines Clusters.
        #[arg(long)]
        cluster: Option<i64>,
    },
    /// DSGVO: die personenbezogenen Daten der Einreichenden auf Antrag löschen (Name, E-Mail,
    /// Organisation, Akteursgruppe), in allen ihren Stellungnahmen; die Texte bleiben.
    Erase {
        id: i64,
        #[arg(long)]
        reason: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Die Abwägungstabelle: jede Stellungnahme mit Eingang, Einreicher, Votum, Antwort und
    /// betroffenen Maßnahmen (interne Notizen nie).
    Abwaegung {
        /// csv, xlsx, pdf (Querformat, Kopfzeile auf jeder Seite, Seitenzahlen) oder docx
        /// (Word, Querformat, Kopfzeile auf jeder Seite).
        #[arg(long)]
        format: String,
        #[arg(long)]
        out: std::path::PathBuf,
        /// Namen von Personen weglassen (Organisationen bleiben).
        #[arg(long)]
        anonymise: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RenderCommand {
    /// Die Langfassung: Titelseite, Vorwort, Inhaltsverzeichnis, alle Handlungsfelder und
    /// Maßnahmen mit Faktenkasten, Anhang.
    Long(RenderArgs),
    /// Die Kurzfassung: die dafür vorgesehenen Maßnahmen mit ihren Kurztexten.
    Short(RenderArgs),
    /// Der Umsetzungsbericht: Status, Fortschritt und Indikatoren je Handlungsfeld und Ressort.
    Report(RenderArgs),
    /// Das Ergebnis einer Mitzeichnungsrunde für die Kabinettvorlage: gefragte Ressorts,
    /// Antworten mit Datum, Maßgaben, verbleibende Vorbehalte, Zustimmung des Finanzressorts.
    Cosign(CosignRenderArgs),
    /// Die Synopse zweier Fassungen: alt | neu je Maßnahme, geänderte Wörter markiert.
    Synopse {
        /// Die ältere Fassung.
        #[arg(long, required_unless_present = "round", conflicts_with = "round")]
        from: Option<String>,
        /// Die neuere Fassung.
        #[arg(long, required_unless_present = "round", conflicts_with = "round")]
        to: Option<String>,
        /// Die Synopse, die ein Ressort in einer Mitzeichnungsrunde prüft: von der Fassung,
        /// die es zuletzt mitgezeichnet hat, zum Entwurf der Runde (mit --ministry).
        #[arg(long, requires = "ministry")]
        round: Option<i64>,
        /// Nur die Maßnahmen, die dieses Ressort führt oder an denen es beteiligt ist.
        #[arg(long)]
        ministry: Option<String>,
        /// Zieldatei (PDF).
        #[arg(long)]
        out: PathBuf,
        /// Satzqualität messen und ausgeben (Zeilenlänge, Trennungen, Seitenumbrüche, getaggter Text).
        #[arg(long)]
        quality: bool,
    },
}

/// `render cosign`: the co-signing round's section for the cabinet paper.
#[derive(Debug, Args)]
pub struct CosignRenderArgs {
    #[arg(long)]
    pub round: i64,
    /// Zieldatei.
    #[arg(long)]
    pub out: PathBuf,
    /// pdf oder docx (Word).
    #[arg(long, default_value = "pdf")]
    pub format: String,
    /// Satzqualität messen und ausgeben (nur PDF).
    #[arg(long)]
    pub quality: bool,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Zieldatei (PDF, DOCX) oder Zielordner (HTML).
    #[arg(long)]
    pub out: PathBuf,
    /// pdf (Druckfassung), docx (Word) oder html (Webfassung: ein Ordner mit statischen Seiten).
    #[arg(long, default_value = "pdf")]
    pub format: String,
    /// Eine eingefrorene Fassung drucken statt des aktuellen Stands.
    #[arg(long, conflicts_with = "as_of")]
    pub edition: Option<String>,
    /// Den Stand zu einem früheren Zeitpunkt drucken, aus der Versionsgeschichte (deutsche
    /// Zeit; ein Datum meint sein Ende). PDF und Word.
    #[arg(long, value_name = "JJJJ-MM-TT[THH:MM]")]
    pub as_of: Option<String>,
    /// Der Umsetzungsbericht einer Berichtsabfrage: die Maßnahmen, wie die Ressorts sie zum
    /// Stichtag gemeldet haben, mit Sachstand und Vergleich mit der vorigen Abfrage (nur
    /// render report).
    #[arg(long, conflicts_with_all = ["edition", "as_of"])]
    pub round: Option<i64>,
    /// Satzqualität messen und ausgeben (Zeilenlänge, Trennungen, Seitenumbrüche, getaggter Text).
    #[arg(long)]
    pub quality: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    pub text: String,
    #[arg(long, default_value_t = 20)]
    pub limit: i64,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Größen, kommagetrennt: S (300/1k), M (3k/100k), L (30k/1M).
    #[arg(long, default_value = "S,M,L")]
    pub scales: String,
    /// Zusätzlich gegen PostgreSQL messen: URL eines Servers, auf dem Datenbanken angelegt werden
    /// dürfen (legt konzeptstudio_bench_s/m/l neu an).
    #[arg(long)]
    pub postgres: Option<String>,
    /// Arbeitsverzeichnis für die Benchmark-Dateien.
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Vorhandene Benchmark-Dateien wiederverwenden (nur Abfragen messen).
    #[arg(long)]
    pub reuse: bool,
    /// Stattdessen den Drucksatz messen: Langfassung bei S und M, neben typst.
    #[arg(long)]
    pub render: bool,
    /// Stattdessen Büroformate bei 3.000 Maßnahmen messen: die Word-Langfassung schreiben, die
    /// Maßnahmen-Arbeitsmappe exportieren, einlesen und übernehmen.
    #[arg(long)]
    pub office: bool,
    /// Stattdessen das Teamdatenbank-Szenario hinter einem WAN messen (mit --postgres): ein
    /// Verzögerungs-Proxy auf 127.0.0.1 mit dieser Roundtrip-Zeit in Millisekunden zählt
    /// Anweisungen und Roundtrips jeder Nutzeraktion.
    #[arg(long, requires = "postgres")]
    pub rtt: Option<u64>,
    /// Stattdessen ein Dauerlasttest (mit --postgres): so viele Sekunden arbeiten --clients
    /// Sitzungen gleichzeitig (bearbeiten, abwägen, einlesen); danach wird die Historie gegen
    /// das Gemeldete und die Prüfkette geprüft.
    #[arg(long, requires = "postgres")]
    pub soak: Option<u64>,
    /// Gleichzeitige Sitzungen für --soak.
    #[arg(long, default_value_t = 20, requires = "soak")]
    pub clients: usize,
}
