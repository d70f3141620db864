app-title = Картотека
app-tagline = клиенты и контакты
nav-people = Люди
language = Язык
loading = Загрузка…
saving = Сохранение…

people-title = Люди
people-new = Новый человек
people-empty = Пока никого нет.
people-empty-hint = Добавьте первого человека — кнопка «Новый человек» или Ctrl+N.
people-count = { $total ->
    [one] { $total } человек
    [few] { $total } человека
   *[other] { $total } человек
}
people-search-placeholder = Поиск: фамилия, имя, телефон, почта…  (Ctrl+K)
people-not-found = По запросу «{ $query }» никого не нашлось.
col-name = ФИО
col-phone = Телефон
col-email = Эл. почта
col-updated = Изменён
pager-range = { $from }–{ $to } из { $total }
pager-prev = ← Назад
pager-next = Вперёд →

field-last-name = Фамилия
field-first-name = Имя
field-middle-name = Отчество
field-phone = Телефон
field-email = Эл. почта
form-required-hint = Нужна фамилия или имя.
form-keys-hint = Enter — сохранить, Esc — отмена

action-save = Сохранить
action-cancel = Отмена
action-edit = Изменить
action-back = ← К списку

person-new-title = Новый человек
person-edit-title = Изменение карточки
person-created = Создан
person-updated = Изменён
person-no-phone = телефон не указан
person-no-email = почта не указана

reason-required = заполните это поле
reason-too-long = не длиннее { $max } символов
reason-invalid-email = нужен адрес вида имя@домен.ru
reason-invalid-phone = нужен номер из 5–15 цифр, без букв
reason-unsupported = такое значение не поддерживается
error-validation = { $field }: { $reason }
error-not-found = Запись не найдена — возможно, её удалили.
error-database-unavailable = База данных недоступна: { $detail }
error-database = Ошибка базы данных: { $detail }
error-internal = Внутренняя ошибка программы: { $detail }

startup-db-title = Не удалось открыть базу данных
startup-db-file = Файл: { $path }
startup-db-hint = Данные в файле не изменены. Если Картотека уже открыта в другом окне, закройте его и запустите программу снова. Подробности — в журнале программы.
