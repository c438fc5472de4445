#!/usr/bin/env python3
"""Writes a synthetic knowledge base: a content folder the kiosk can run on and `check` passes.

Usage: scripts/gen-content.py --articles N --out DIR [--seed S] [--large K]

DIR gets `categories.yaml` (up to 40 help-desk categories) and N article files in the
kiosk's format (front matter, then Markdown with headings, paragraphs, lists, task-list
steps, notes and code). Most articles are 2-10 KB, some up to 25 KB, a few under 2 KB;
titles read like the error messages people type ("How to Fix "Sync Is Paused" Errors").
The text has accents, curly quotes and wide (CJK) characters here and there, and a varied
vocabulary so that searching it means something. The same seed gives the same bytes.

K of the N articles (default 3) are very large, about 1 MiB each. They are the first
articles of the first category, so from Home, Enter then Enter opens the first one:
  file   DIR/0x80070005-event-log-reference-1.md (…-2.md, and so on)
  title  0x80070005 Event Log Reference (Part 1 of K)
  last line of the text: "End of event log reference 1 of K."
(Titles sort by text within a category, and only these titles start with a digit.)

DIR must be empty or missing. 10,000 articles take a few seconds.
"""
import argparse
import random
import re
import sys
from pathlib import Path

LARGE_SIZE = 1 << 20  # bytes of a very large article, about

CATEGORIES = [
    ("Common Error Messages", "What common error messages mean and how to fix them."),
    ("Accounts and Passwords", "Signing in, resetting passwords and locked accounts."),
    ("Email and Calendar", "Outlook, mail that won't send and calendars that don't sync."),
    ("Printing and Scanning", "Documents that won't print, scanners and printers that show offline."),
    ("Network and Wi-Fi", "Getting connected to Wi-Fi, the network and the internet."),
    ("VPN and Remote Access", "Working from home: the VPN, remote desktops and slow links."),
    ("Microsoft Teams", "Chats, channels, calls and Teams that won't start."),
    ("Video Calls and Meetings", "Joining meetings, sharing your screen, sound and video."),
    ("Files and OneDrive", "Saving, syncing, sharing and getting back lost files."),
    ("SharePoint and the Intranet", "Sites, pages and permissions on the intranet."),
    ("Web Browsers", "Chrome, Edge and Firefox: pages that won't load and certificate warnings."),
    ("Windows Updates", "Updates that fail, restarts and \"Working on updates\" screens."),
    ("Macs", "macOS sign-in, updates, printers and settings."),
    ("Laptops and Batteries", "Power, charging, batteries and laptops that won't start."),
    ("Monitors and Docking Stations", "Second screens, docks, cables and \"No signal\"."),
    ("Keyboards and Mice", "Keys that type the wrong thing, mice and wireless receivers."),
    ("Phones and Mobile Devices", "Work mail and apps on your phone or tablet."),
    ("Two-Factor Authentication", "Codes, authenticator apps and new phones."),
    ("Security and Phishing", "Suspicious emails, warnings and what to report."),
    ("Installing Software", "Getting the apps you need from the Company Portal."),
    ("Licences and Activation", "Products that say they are unlicensed or need activating."),
    ("Excel and Spreadsheets", "Formulas, locked workbooks and Excel that stops responding."),
    ("Word and Documents", "Templates, tracked changes and documents that won't open."),
    ("PDF Files", "Opening, signing, filling in and printing PDF files."),
    ("Finance System", "Purchase orders, invoices and the month-end batch."),
    ("Payroll and Timesheets", "Submitting timesheets, leave and payslips."),
    ("HR Portal", "Your details, training records and the HR self-service site."),
    ("Customer Records", "The CRM: records in use, duplicates and missing contacts."),
    ("Backups and Recovery", "Getting back an earlier version of a file or mailbox."),
    ("Disk Space and Storage", "\"Low disk space\", full mailboxes and quota warnings."),
    ("Slow Computers", "When everything is slow: start-up, apps and the network."),
    ("Sound and Headsets", "Headsets, speakers and microphones that aren't heard."),
    ("Cameras and Webcams", "Cameras that aren't found or show a black picture."),
    ("Accessibility", "Screen readers, magnifiers, captions and bigger text."),
    ("New Starters", "Your first day: accounts, equipment and where to find things."),
    ("Leaving or Changing Roles", "Handing over files, mailboxes and equipment."),
    ("Shared Mailboxes", "Shared and team mailboxes that don't appear or can't send."),
    ("Meeting Rooms and Displays", "Room screens, booking panels and wireless presenting."),
    ("Virtual Desktops and Citrix", "Citrix Workspace, virtual desktops and published apps."),
    ("Travel and Working Abroad", "Roaming, foreign keyboards and access from overseas."),
]

ERRORS = [
    "The Server Is Not Responding", "Your Password Has Expired", "Access Is Denied",
    "The Network Path Was Not Found", "Cannot Connect to the Proxy Server", "Your Connection Is Not Private",
    "Your Mailbox Is Full", "Something Went Wrong", "We Couldn't Sign You In",
    "The Trust Relationship Failed", "There Are No Logon Servers Available",
    "The File Is Locked for Editing", "Sync Is Paused", "Not Enough Storage",
    "Driver Is Unavailable", "No Audio Output Device Is Installed", "Camera Not Found",
    "This App Can't Run on Your PC", "Your Licence Has Expired", "Your Organisation's Data Cannot Be Pasted Here",
    "The Remote Computer Requires Network Level Authentication", "VPN Connection Failed",
    "The Certificate Has Expired", "DNS Server Isn't Responding", "Limited Connectivity",
    "The Requested URL Was Rejected", "403 Forbidden", "404 Page Not Found", "Too Many Redirects",
    "Trying to Connect", "Teams Is Offline", "You Don't Have Permission to Access This Site",
    "The File Name Is Too Long", "Low Disk Space", "Battery Is Running Low", "No Signal",
    "USB Device Not Recognised", "Bluetooth Is Turned Off", "The Batch Could Not Be Posted",
    "Session Timed Out", "Invalid Verification Code", "Too Many Sign-In Attempts", "Account Is Locked",
    "Message Could Not Be Delivered", "Attachment Is Too Large", "Calendar Is Not Syncing",
    "The Meeting Link Is Invalid", "Cannot Connect to the Server", "Not Responding", "The Document Is Read-Only",
    "Macros Have Been Disabled", "The PDF Is Password Protected", "Scan to Email Failed", "Paper Jam",
    "Update Failed", "Restart Required", "Enter the Recovery Key", "Display Not Detected",
    "The Period Is Closed", "The Record Is in Use by Another User", "Backup Did Not Complete",
    "Installation Blocked by Your Administrator", "Activation Failed", "Microphone Is Muted",
    "Roaming Is Turned Off", "Page Could Not Be Loaded", "Out of Memory", "Printer Is Offline",
    "The Operation Timed Out", "Credentials Are Out of Date", "The Disk Is Write-Protected",
    "This Site Can't Be Reached", "Profile Could Not Be Loaded", "Unable to Save Changes",
]

CODES = [
    "0x80070005", "0x80070643", "0x800f0922", "0x80004005", "0x8007000d", "0x80072efe", "0x80190001",
    "0xc004f074", "0x80240017", "0x800704cf", "809", "691", "720", "789", "812", "0x0000011b",
    "CAA20003", "CAA70004", "AADSTS50076", "AADSTS53003", "ERR_CERT_DATE_INVALID", "ERR_NAME_NOT_RESOLVED",
    "ERR_CONNECTION_RESET", "ERR_TOO_MANY_REDIRECTS", "SSL_ERROR_BAD_CERT_DOMAIN", "550 5.7.1", "552 5.3.4",
    "4625", "1603", "1618", "E-104", "PR-2207", "FIN-0042", "HRP-301", "TS-1001",
]

PRODUCTS = [
    "Outlook", "Teams", "OneDrive", "SharePoint", "Excel", "Word", "PowerPoint", "Chrome", "Edge",
    "Firefox", "Zoom", "the VPN client", "Citrix Workspace", "the finance system", "the HR portal",
    "the CRM", "Adobe Acrobat", "Windows", "macOS", "the printer", "the docking station",
    "the Company Portal", "the authenticator app", "the timesheet system", "the intranet",
    "the room display", "Remote Desktop", "the scanner", "File Explorer", "Finder",
]

ACTIVITIES = [
    "Signing In", "Printing a PDF", "Opening a Shared File", "Joining a Meeting", "Sending an Attachment",
    "Connecting to the VPN", "Saving to OneDrive", "Opening the Intranet", "Approving an Invoice",
    "Submitting a Timesheet", "Sharing Your Screen", "Scanning to Email", "Opening a Link",
    "Starting Your Laptop", "Docking Your Laptop", "Installing an App", "Changing Your Password",
    "Setting Up a New Phone", "Booking a Room", "Restoring a File", "Working From Home",
]

DEVICES = [
    "laptop", "desktop computer", "phone", "tablet", "docking station", "monitor", "headset",
    "printer", "webcam", "keyboard", "router", "thin client",
]

CAUSES = [
    "a saved password that is out of date", "a cable that has worked loose", "a pending update",
    "a full mailbox", "a network change while you were signed in", "an expired certificate",
    "a profile that did not load properly", "a sync conflict between two copies of the file",
    "a setting your administrator has locked", "a proxy setting left over from another network",
    "too many programs starting with Windows", "a printer queue that paused after an error",
    "a browser extension", "a clock that is a few minutes wrong", "a licence that was not renewed",
    "a file name with characters the server does not accept", "old data in the browser cache",
    "a second sign-in from another device", "a wireless receiver plugged into a hub",
    "a battery that is nearly worn out", "a keyboard layout that changed by itself",
]

STATES = [
    "switched on", "plugged in at both ends", "connected to the work network", "up to date",
    "signed in with your work account", "set as the default", "charged above 20%", "not muted",
    "turned on in Settings", "allowed in the privacy settings", "the same on both devices",
]

MENUS = [
    "Settings", "File > Options", "Account", "Preferences", "Privacy & security", "Devices",
    "Network & internet", "Bluetooth & devices", "Sound", "Apps", "Accounts > Access work or school",
    "Help > About", "Sign-in options", "Printers & scanners", "Windows Update", "System > Storage",
]

PEOPLE = ["Zoë", "José", "Renée", "François", "Jürgen", "Siobhán", "Ngọc", "Søren", "Małgorzata", "Chloé"]

PLACES = [
    "the café on level 2", "reception", "the service desk on level 4", "the Tokyo office (東京)",
    "the Shanghai office (上海)", "the Seoul office (서울)", "the Melbourne office", "the Auckland office",
    "the training room", "the loading dock",
]

COMMANDS = [
    ("Type this in a Command Prompt:", "ipconfig /flushdns\nipconfig /renew"),
    ("Run this in a Command Prompt, then restart:", "gpupdate /force"),
    ("Check that the server answers:", "ping intranet.example.com.au"),
    ("In PowerShell (as yourself, not as an administrator):", "Get-Service -Name Spooler | Restart-Service"),
    ("See which name server your computer uses:", "nslookup intranet.example.com.au"),
    ("Clear your saved tickets:", "klist purge"),
    ("On a Mac, in Terminal:", "softwareupdate --list"),
    ("Find out how much space is free:", "df -h ~"),
    ("See your computer's name and serial number:", "hostname\nwmic bios get serialnumber"),
    ("Reset the Teams cache (close Teams first):", 'rd /s /q "%appdata%\\Microsoft\\Teams\\Cache"'),
]

SENTENCES = [
    "If {product} still shows the message, {step_lower} and try again.",
    "Most of the time this happens because of {cause}.",
    "Someone at {place} can check this for you while you wait.",
    "It can take up to {n} minutes for the change to reach {product}.",
    "Make sure your {device} is {state} before you go on.",
    "This is normal after {event}, and it goes away by itself.",
    "You may also see “{error}” or ‘{error2}’ — they mean the same thing.",
    "Write down the exact message, the time it appeared and what you were doing.",
    "Don't restart in the middle of {event}; wait until it has finished.",
    "Ask {person} at {place} if you need a spare {device} for the day.",
    "Names with accents, such as {person}, must be typed exactly as the HR portal has them.",
    "If your {device} types characters like 日本語 or 中文, switch the input language back with Windows key + Space.",
    "The message comes from {product}, not from your {device}, so restarting the {device} alone rarely helps.",
    "Your work is usually safe: {product} keeps a copy for {n} days.",
    "On a shared {device}, always sign out when you leave — don't just close the lid.",
    "The help desk can see whether {product} is down for everyone, so check the status page first.",
    "Error {code} means the same as “{error}”.",
    "If the {device} was moved recently, it may need to be set up again.",
    "People working from {place} sometimes see this when the link is busy.",
    "After {event}, sign out of {product} and back in so that it picks up the change.",
    "Some menus in {place} show Japanese: 設定 means Settings and 印刷 means Print.",
    "Try a different {device} if you have one nearby: it tells you whether the problem is the {device} or your account.",
    "Keep the window open while {product} checks your details; closing it starts again from the beginning.",
    "This can happen on any {device}, but it is most common on a {device2}.",
    "If you see a padlock with a line through it, the page is not secure: don't type your password there.",
    "Caps Lock, Num Lock and the keyboard layout (ENG, ENG-US, 中) cause most sign-in failures.",
    "The “{error}” message often follows {cause}.",
    "None of this deletes your files or your mail.",
    "You can keep working in the browser version of {product} while you wait.",
    "If nothing on this page helps, the help desk will take it from here.",
]

EVENTS = [
    "a Windows update", "a password change", "a move to a new desk", "a new phone", "a power cut",
    "a network change", "the nightly backup", "the month-end batch", "a licence renewal",
    "an overnight restart", "a change of manager", "the office move",
]

STEP_TITLES = [
    "Check the Basics", "Sign Out and Back In", "Restart {Product}", "Check Your Connection",
    "Clear the Cache", "Check for Updates", "Try Another Device", "Check Your Settings",
    "Remove and Add It Again", "Save a Copy of Your Work", "Check the Cables", "Reset the Password",
    "Wait and Retry", "Check the Status Page", "Turn It Off and On Again", "Check the Permissions",
]

STEPS = [
    "Open **{product}** and go to **{menu}**", "Click **Sign out**, then sign in again",
    "Restart your {device}", "Check that your {device} is {state}", "Wait {n} minutes, then try again",
    "Close **{product}** completely, including from the system tray", "Unplug the {device} and plug it back in",
    "Try the same thing in a private browser window", "Write down the error code if there is one",
    "Open **{menu}** and check that **{product}** is allowed", "Copy anything you typed into a document first",
    "Make sure you are on the work network, not guest Wi-Fi", "Check the date and time on your {device}",
    "Sign in at the web version of **{product}** to see whether your account works",
    "Take a photo of the screen for the help desk", "Remove the {device} and add it again from **{menu}**",
]

BULLETS = [
    "You've been signed in for too long", "The {device} went to sleep", "{product} was updated overnight",
    "Your password was changed on another device", "The server is being maintained",
    "You're on a guest or hotel network", "Someone else has the file open", "A cable is loose",
    "The {device} has not been restarted for weeks", "Your account was moved to a new group",
    "A security policy changed", "Storage is nearly full", "{product} is out of date",
    "The clock on your {device} is wrong", "Another app is using the {device}",
]

CONTACT = "Contact helpdesk@netlumait.com.au or call 1300 521 162."

# Added to a title already taken, so that titles stay distinct.
QUALIFIERS = [
    " on Windows 11", " on a Mac", " After an Update", " When Working From Home", " on a Shared Computer",
    " in the Browser", " on Your Phone", " After a Password Change", " in Another Office", " on Guest Wi-Fi",
    " After a Restart", " for New Starters", " on a Virtual Desktop", " While Travelling",
]

TITLE_SHAPES = [
    'How to Fix "{error}" Errors', 'What "{error}" Means', '{Product} Says "{error}"',
    'Seeing "{error}" When {activity}', 'Error {code} in {Product}', "Can't Finish {activity}",
    '{Product} Is Slow or Not Responding', 'Why {Product} Keeps Asking for Your Password',
    'Fixing "{error}" on a {Device}', 'Problems {activity} in {Product}',
]


def capital(text):
    """The first letter made upper case ("the VPN client" -> "The VPN client")."""
    return text[:1].upper() + text[1:]


def title_case(text):
    """Title case for a name inside a title ("the VPN client" -> "the VPN Client")."""
    small = {"the", "a", "an", "of", "to", "in", "on", "for", "and"}
    return " ".join(word if word in small else word[:1].upper() + word[1:] for word in text.split(" "))


class Writer:
    """Makes articles from a seeded random source. Sentences come from a pool made once, so
    that 10,000 articles take seconds."""

    def __init__(self, seed):
        self.random = random.Random(seed)
        pick = self.random.choice
        self.pool = [self.fill(pick(SENTENCES)) for _ in range(6000)]
        self.step_pool = [self.fill(pick(STEPS)) for _ in range(3000)]
        self.bullet_pool = [self.fill(pick(BULLETS)) for _ in range(1500)]

    def fill(self, template, **fixed):
        pick = self.random.choice
        values = {
            "product": pick(PRODUCTS), "cause": pick(CAUSES), "place": pick(PLACES), "device": pick(DEVICES),
            "device2": pick(DEVICES), "state": pick(STATES), "event": pick(EVENTS), "error": pick(ERRORS),
            "error2": pick(ERRORS), "person": pick(PEOPLE), "code": pick(CODES), "menu": pick(MENUS),
            "n": self.random.randint(2, 30), **fixed,
        }
        if "{step_lower}" in template:
            step = pick(STEPS).replace("**", "").format(**values)
            values["step_lower"] = step[:1].lower() + step[1:]
        return capital(template.format(**values))

    def paragraph(self, subject, sentences):
        """A paragraph of pooled sentences, one of which names the article's subject."""
        pick = self.random.choice
        chosen = [pick(self.pool) for _ in range(sentences)]
        chosen.insert(self.random.randrange(len(chosen) + 1), subject)
        return " ".join(chosen)

    def steps(self, number, product):
        pick = self.random.choice
        title = pick(STEP_TITLES).replace("{Product}", title_case(product))
        items = [f"- [ ] {pick(self.step_pool)}" for _ in range(self.random.randint(2, 5))]
        return f"### Step {number}: {title}\n\n" + "\n".join(items)

    def bullets(self, count):
        return "\n".join(f"- {self.random.choice(self.bullet_pool)}" for _ in range(count))

    def code(self):
        intro, command = self.random.choice(COMMANDS)
        return f"{intro}\n\n```\n{command}\n```"

    def note(self):
        return f"> **Note:** {self.random.choice(self.pool)}"

    def numbered(self):
        return "\n".join(f"{index}. {self.random.choice(self.step_pool)}" for index in range(1, 4))

    def body(self, error, product, size):
        """Sections until the body is about `size` bytes."""
        rnd = self.random
        parts = [
            f'## What Does "{error}" Mean?',
            self.paragraph(f"When {product} shows “{error}”, it is telling you it could not finish what you asked.", 2),
            self.bullets(rnd.randint(3, 5)),
            "## How to Fix It",
        ]
        length = sum(len(part) for part in parts)
        step = 1
        # Step sections (one at least), each with now and then a paragraph, a note, code or
        # a numbered list.
        while step == 1 or length < size - 600:
            extras = [self.steps(step, product)]
            step += 1
            roll = rnd.random()
            if roll < 0.35:
                extras.append(self.paragraph(f"This step fixes “{error}” for most people.", rnd.randint(2, 5)))
            elif roll < 0.5:
                extras.append(self.note())
            elif roll < 0.62:
                extras.append(self.code())
            elif roll < 0.7:
                extras.append(self.numbered())
            if step % 6 == 0:
                extras.insert(0, f"## {rnd.choice(['More to Try', 'If That Did Not Work', 'Still Stuck?', 'Other Fixes'])}")
                extras.insert(1, self.paragraph(f"These take longer but often fix {product}.", rnd.randint(1, 3)))
            parts += extras
            length += sum(len(part) for part in extras) + 2 * len(extras)
        parts += [
            f"## Why {capital(title_case(product))} Shows This",
            self.paragraph(f"“{error}” is {product}'s way of saying something changed.", rnd.randint(2, 4)),
            "## When to Contact IT",
            self.bullets(3),
            CONTACT,
        ]
        return "\n\n".join(parts) + "\n"

    def size(self):
        """Bytes for one ordinary article: most 2-10 KB, some 10-25 KB, a few 1-2 KB."""
        roll = self.random.random()
        if roll < 0.05:
            return self.random.randint(1000, 2000)
        if roll < 0.9:
            return int(2000 * 5 ** self.random.random())
        return self.random.randint(10000, 25000)


def yaml_scalar(text):
    """Plain when YAML reads it back unchanged, else double-quoted."""
    if re.search(r": | #|^[-?:,\[\]{}#&*!|>'\"%@`]|[\\\"]$", text) or text != text.strip():
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")


def article_file(title, category, updated, summary, body, read_time=None):
    lines = ["---", f"title: {yaml_scalar(title)}", f"category: {yaml_scalar(category)}",
             f"updated: {updated}", f"summary: {yaml_scalar(summary)}"]
    if read_time is not None:
        lines.append(f"read_time: {read_time}")
    return "\n".join(lines) + "\n---\n" + body


def large_article(writer, number, count, category):
    """An event log reference of about LARGE_SIZE bytes, whose last line is
    "End of event log reference NUMBER of COUNT."."""
    rnd = writer.random
    parts = [
        "## About This Reference",
        writer.paragraph("This reference lists every event the sign-in servers log with error 0x80070005.", 4),
    ]
    length = sum(len(part.encode()) for part in parts)
    event = 4600 + number * 1000
    while length < LARGE_SIZE - 2000:
        event += 1
        error = rnd.choice(ERRORS)
        product = rnd.choice(PRODUCTS)
        section = [
            f'## Event {event}: "{error}" in {title_case(product)}',
            writer.paragraph(f"Event {event} is logged when {product} reports “{error}”.", rnd.randint(3, 6)),
            writer.bullets(rnd.randint(2, 4)),
            writer.steps(1, product),
        ]
        if rnd.random() < 0.3:
            section.append(writer.code())
        length += sum(len(part.encode()) for part in section) + 2 * len(section)
        parts += section
    parts += ["## When to Contact IT", CONTACT, f"End of event log reference {number} of {count}."]
    title = f"0x80070005 Event Log Reference (Part {number} of {count})"
    summary = "Every sign-in server event with error 0x80070005, what it means and what to do."
    return f"0x80070005-event-log-reference-{number}.md", article_file(
        title, category, "2025-12-01", summary, "\n\n".join(parts) + "\n")


def generate(articles, out, seed=1, large=3):
    """Writes the content folder; returns what the benchmark needs to find its way in it."""
    if articles < 1 or large < 0 or large > articles:
        raise ValueError("need --articles 1 or more and --large between 0 and --articles")
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"{out} is not empty: give a new or empty folder")
    out.mkdir(parents=True, exist_ok=True)
    writer = Writer(seed)
    rnd = writer.random
    categories = CATEGORIES[:max(1, min(len(CATEGORIES), articles - large, articles))]
    with open(out / "categories.yaml", "w", encoding="utf-8") as file:
        for name, description in categories:
            file.write(f"- name: {yaml_scalar(name)}\n  description: {yaml_scalar(description)}\n")

    # A few big categories and a long tail, as in real knowledge bases; each gets at least one.
    weights = [1.0 / (index + 2) ** 0.7 for index in range(len(categories))]
    ordinary = articles - large
    homes = [index % len(categories) for index in range(min(ordinary, len(categories)))]
    homes += rnd.choices(range(len(categories)), weights, k=ordinary - len(homes))
    total = 0
    titles = set()
    for index, home in enumerate(homes):
        category = categories[home][0]
        for attempt in range(50):
            error, product, activity = rnd.choice(ERRORS), rnd.choice(PRODUCTS), rnd.choice(ACTIVITIES)
            shape = rnd.choice(TITLE_SHAPES)
            title = capital(shape.format(error=error, code=rnd.choice(CODES), activity=activity,
                                         Product=title_case(product), Device=title_case(rnd.choice(DEVICES))))
            if attempt >= 5:
                title += rnd.choice(QUALIFIERS)
            if title not in titles:
                break
        titles.add(title)
        summary = writer.fill(rnd.choice([
            "What “{error}” means and how to get {product} working again.",
            "Why {product} stops with this message and what to check before you call.",
            "Quick checks for your {device}, then the fixes that work for most people.",
            "The usual causes, from {cause} to a setting in {menu}.",
        ]), error=error, product=product)
        body = writer.body(error, product, writer.size())
        year, month, day = rnd.randint(2023, 2026), rnd.randint(1, 12), rnd.randint(1, 28)
        words = len(body.split())
        read_time = max(1, round(words / 200)) if rnd.random() < 0.7 else None
        name = f"{slug(title)}-{index + 1:05d}.md"
        text = article_file(title, category, f"{year}-{month:02d}-{day:02d}", summary, body, read_time)
        (out / name).write_text(text, encoding="utf-8")
        total += len(text.encode())
    files = []
    for number in range(1, large + 1):
        name, text = large_article(writer, number, large, categories[0][0])
        (out / name).write_text(text, encoding="utf-8")
        total += len(text.encode())
        files.append(out / name)
    return {
        "articles": articles, "categories": len(categories), "bytes": total,
        "large": [{"file": str(path), "title": f"0x80070005 Event Log Reference (Part {number} of {large})",
                   "last_line": f"End of event log reference {number} of {large}."}
                  for number, path in enumerate(files, start=1)],
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, required=True, metavar="N", help="articles in all (including --large)")
    parser.add_argument("--out", required=True, metavar="DIR", help="the content folder to write (new or empty)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    parser.add_argument("--large", type=int, default=3, metavar="K",
                        help="how many of the articles are about 1 MiB (default 3)")
    args = parser.parse_args()
    try:
        summary = generate(args.articles, args.out, args.seed, args.large)
    except (ValueError, OSError) as error:
        print(f"gen-content: {error}", file=sys.stderr)
        sys.exit(64 if isinstance(error, ValueError) else 73)
    print(f"{summary['articles']} articles in {summary['categories']} categories, "
          f"{summary['bytes'] / 1e6:.1f} MB, in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
