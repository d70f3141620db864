app-title = Kartoteka
app-tagline = clients and contacts
nav-people = People
language = Language
loading = Loading…
saving = Saving…

people-title = People
people-new = New person
people-empty = Nobody here yet.
people-empty-hint = Add the first person with “New person” or Ctrl+N.
people-count = { $total ->
    [one] { $total } person
   *[other] { $total } people
}
people-search-placeholder = Search: name, phone, e-mail…  (Ctrl+K)
people-not-found = Nobody matches “{ $query }”.
col-name = Name
col-phone = Phone
col-email = E-mail
col-updated = Changed
pager-range = { $from }–{ $to } of { $total }
pager-prev = ← Previous
pager-next = Next →

field-last-name = Last name
field-first-name = First name
field-middle-name = Middle name
field-phone = Phone
field-email = E-mail
form-required-hint = A last or first name is required.
form-keys-hint = Enter saves, Esc cancels

action-save = Save
action-cancel = Cancel
action-edit = Edit
action-back = ← Back to list

person-new-title = New person
person-edit-title = Edit card
person-created = Created
person-updated = Changed
person-no-phone = no phone
person-no-email = no e-mail

reason-required = this field is required
reason-too-long = at most { $max } characters
reason-invalid-email = use an address like name@example.com
reason-invalid-phone = use 5 to 15 digits, no letters
reason-unsupported = this value is not supported
error-validation = { $field }: { $reason }
error-not-found = Not found — it may have been deleted.
error-database-unavailable = The database is unavailable: { $detail }
error-database = Database error: { $detail }
error-internal = Internal error: { $detail }

startup-db-title = The database could not be opened
startup-db-file = File: { $path }
startup-db-hint = The file was not changed. If Kartoteka is already open in another window, close it and start the program again. The log has the details.
