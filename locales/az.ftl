## pressbot — Azərbaycan dili (latın əlifbası). en.ftl ilə eyni açarlar və dəyişənlər; müraciət «siz» ilə.
## Saylardan sonra isim tək haldadır: «5 reliz», ona görə cəm formaları lazım deyil.

## Ümumi

error-reply = Nəsə alınmadı. Bir az sonra yenidən cəhd edin.
error-answer = Nəsə alınmadı. Yenidən cəhd edin.
group-admins-only = Bunu yalnız qrupun adminləri edə bilər.
button-stale = Bu düymə artıq keçərli deyil. Əmri yenidən göndərin.
button-not-subscribed = Bu çat hələ abunə olmayıb: əvvəlcə /start göndərin.
flood-warning = Mesajları çox tez göndərirsiniz. Bir neçə saniyə gözləyin; o vaxta qədər qalanlarına cavab verməyəcəyəm.
flood-warning-short = Çox tez-tez basırsınız — bir neçə saniyə gözləyin.
page-back = « Geri
page-more = Daha çox »
read-release = Relizi oxu »
translation-also-in = Digər dillərdə: { $links }
untitled-release = Başlıqsız reliz
releases-count = { $count } reliz
chats-count = { $count } çat

## /start, /stop

start-welcome =
    👋 <b>Abunə oldunuz!</b> Yeni press-relizlər dərc olunduqca bu çata gələcək.

    Bundan əlavə:
    • bütün relizlərdə axtarış: <code>/search külək elektrik stansiyası</code>
    • ən yeniləri: /latest
    • yalnız bəzi mövzuları izləmək: /topics, sonra /settings
    • dilləri seçmək: /settings

    Abunəlikdən çıxmaq üçün istənilən vaxt /stop, bütün əmrlər üçün /help göndərin.
start-already = Bu çat artıq abunə olub. Nə edə biləcəyinizi görmək üçün /help, abunəlikdən çıxmaq üçün /stop göndərin.
stop-done = Abunəlikdən çıxdınız: bura daha reliz göndərilməyəcək. Axtarış yenə işləyir; yenidən abunə olmaq üçün /start göndərin.
stop-already = Bu çat abunə deyil, dayandırılacaq bir şey yoxdur. Abunə olmaq üçün /start göndərin.

## /help və əmrlər menyusu (sadə mətn: menyu onu olduğu kimi göstərir)

help-title = Əmrlər
help-filters = Axtarış filtrləri: <code>topic:&lt;slug&gt;</code>, <code>from:İİİİ-AA-GG</code>, <code>to:İİİİ-AA-GG</code>.
help-inline = İstənilən çatda relizi paylaşmaq üçün botun @adını və bir neçə söz yazın.
help-admin = Admin
cmd-start = Bu çatı yeni press-relizlərə abunə et
cmd-stop = Bu çata reliz göndərməyi dayandır
cmd-search = Relizlərdə axtarış
cmd-search-args = <sözlər> [topic:<slug>] [from:İİİİ-AA-GG] [to:İİİİ-AA-GG]
cmd-latest = Ən yeni relizlər (n 1-dən 10-a qədər, susmaya görə 5)
cmd-topics = Bütün mövzular; izləmək və ya izləməməyi seçmək üçün toxunun
cmd-topic = Bir mövzu üzrə son relizlər
cmd-sources = İzləmək və ya səsini açmaq üçün mənbələr
cmd-topic-args = <ad>
cmd-settings = Bütün relizlər və ya yalnız mövzularınız və bildirişləriniz; dillər; xülasə
cmd-help = Bu bot nə edə bilər
cmd-subscribe-channel = İdarə etdiyiniz kanala reliz göndər
cmd-channel-args = <@kanal və ya -100… id>
cmd-unsubscribe-channel = Kanala göndərməyi dayandır
cmd-stats = Admin: çatlar, relizlər, növbə və lentlərin vəziyyəti
cmd-feeds = Admin: lentlərin siyahısı
cmd-feed-add = Admin: lent əlavə et
cmd-feed-remove = Admin: lenti sil (relizləri qalır)
cmd-broadcast = Admin: önizləmədən sonra abunəçilərə mesaj göndər
cmd-broadcast-args = [topic: lang: kind: at: tz: urgent: silent:] <mətn> (və ya cavab kimi)
cmd-broadcast-cancel = Admin: gedən göndərişi ləğv et; id olmadan hamısını
cmd-broadcasts = Admin: planlaşdırılmış, gedən və son göndərişlər
cmd-broadcast-at = Admin: göndərişə vaxt təyin et və ya dəyiş
cmd-broadcast-edit = Admin: göndərişi dəyiş; göndəriləndən sonra hər yerdə düzəlt
cmd-broadcast-withdraw = Admin: göndərilmiş göndərişi hər yerdən sil
cmd-alert = Axtarışı yadda saxla: uyğun relizlər bura göndəriləcək
cmd-alert-args = <sözlər>
cmd-alerts = Yadda saxlanmış bildirişləriniz; silmək üçün toxunun
cmd-digest = Hər reliz əvəzinə gündə və ya həftədə bir mesaj
cmd-digest-args = daily SS:DD | weekly <mon…sun> SS:DD | off
cmd-timezone = Xülasələrin və sakit saatların saat qurşağı, məsələn Asia/Baku
cmd-quiet = Sakit saatlar və bildirişlərin səsi
cmd-timezone-args = <ad>
cmd-channels = Abunə etdiyiniz kanallar və onların ayarları
cmd-channel-alert = Abunə etdiyiniz kanal üçün bildiriş yadda saxla
cmd-channel-alert-args = <@kanal> <sözlər>

## Tanınmayan mesajlar

unknown-command = { $command } əmrini tanımıram. /help yoxlayın.
plain-text-hint = Relizləri axtarmaq üçün <code>/search &lt;sözlər&gt;</code> göndərin və ya «{ $preview }» axtarmaq üçün düyməyə toxunun. Bütün əmrlərin siyahısı: /help.
plain-text-button = 🔎 «{ $query }» axtar
text-only = Yalnız mətn əmrlərini başa düşürəm. Onları görmək üçün /help göndərin.

## /search

search-usage =
    <b>Necə axtarmalı</b>
    <code>/search &lt;sözlər&gt;</code> — ən uyğun 5 reliz, məsələn, <code>/search günəş enerjisi</code>
    Sözün istənilən forması digərlərini tapır (<code>Şuşa</code> «Şuşada» sözünü, <code>Eliyev</code> «Əliyev» sözünü tapır); <code>"sülh sazişi"</code> — ifadə; <code>-söz</code> istisna edir; <code>liman*</code> — «liman» ilə başlayan sözlər.

    Filtrlər (istənilən yerə əlavə edin):
    • <code>topic:&lt;slug&gt;</code> — yalnız bir mövzu, məsələn, <code>/search büdcə topic:finance</code>
    • <code>from:İİİİ-AA-GG</code> və <code>to:İİİİ-AA-GG</code> — tarix aralığı, məsələn, <code>/search liman from:2024-01-01 to:2024-06-30</code>
    • <code>source:&lt;nömrə və ya sayt&gt;</code> — bir mənbə, məsələn, <code>source:president.az</code>; <code>lang:az</code> — bir dil (en, ru, az)
    Sözsüz filtrlər uyğun gələnləri ən yenisindən başlayaraq göstərir: <code>/search topic:finance from:2024-01-01</code>

    Mövzuların siyahısı: /topics.
search-expired = Bu axtarışın vaxtı keçib. Onu yenidən göndərin.
search-no-more = Başqa nəticə yoxdur.
search-error = { $error }

    Nümunələr üçün /search göndərin.
search-negative-filter = «-{ $filter }:» istisna edilə bilməz: { $filter }: sözünü minussuz yazın və ya silin.
search-only-excludes = Axtarış üçün ən azı bir axtarılan söz lazımdır, yalnız istisna edilən sözlər yox.
search-unknown-language = «{ $lang }» arxivin dili deyil. Bunlardan birini yazın: { $languages }.
search-unknown-source = «{ $source }» adlı mənbə yoxdur. Mənbələrin siyahısı /feeds əmrindədir; source: ilə lentin nömrəsini və ya saytı yazın, məsələn, source:president.az.
search-did-you-mean = Bəlkə «{ $suggestion }» nəzərdə tutmusunuz?
search-did-you-mean-button = 🔎 { $suggestion }
search-alert-button = 🔔 Yeniləri barədə xəbər ver
alert-filter-unsupported = Bildirişdə «{ $filter }:» istifadə edilə bilməz: bildirişlər yeni relizləri izləyir və onları yalnız topic: daraldır. Dil və mənbələr /settings bölməsində seçilir.
search-needs-value = «{ $filter }:» üçün dəyər lazımdır, məsələn, { $example }.
search-not-a-date = «{ $value }» tarix deyil. { $filter }:İİİİ-AA-GG yazın, məsələn, { $example }.
search-from-after-to = from:{ $from } tarixi to:{ $to } tarixindən sonradır.
search-header = 🔎 «{ $words }» üzrə { $total } nəticədən <b>{ $range }</b>
search-header-filters-only = 🔎 { $total } nəticədən <b>{ $range }</b>, ən yeniləri əvvəldə
search-filter-topic = mövzu: { $name }
search-filter-from = { $date } tarixindən
search-filter-to = { $date } tarixinədək
search-nothing = Heç nə tapılmadı.
search-nothing-for = «{ $words }» üzrə heç nə tapılmadı.
search-nothing-filtered = Heç nə tapılmadı ({ $filters }).
search-nothing-for-filtered = «{ $words }» üzrə heç nə tapılmadı ({ $filters }).
search-nothing-hint = Başqa sözlər yoxlayın, filtrləri azaldın və ya /topics ilə mövzulara baxın.

## /latest

latest-usage = İstifadə: <code>/latest [n]</code> — n 1-dən 10-a qədər ədəddir, məsələn, <code>/latest 3</code>.
latest-title = Ən son relizlər
latest-empty = Hələ reliz yoxdur.

## /topics, /topic

topics-title = Mövzular
topics-hint = izləmək və ya izləməməyi seçmək üçün toxunun
topics-hint-paged = izləmək və ya izləməməyi seçmək üçün toxunun; səhifə { $page }/{ $pages }
topics-empty = Hələ mövzu yoxdur: relizlər gəldikcə yaranacaq.
topics-not-subscribed = Bu çat abunə deyil: relizləri almaq üçün /start göndərin.
topics-mode-all = Bütün relizləri alırsınız. Yalnız izlədiyiniz mövzu və mənbələri almaq üçün /settings bölməsində «Yalnız izlədiklərim» seçin.
topics-mode-topics = Yalnız izlədiyiniz mövzular, izlədiyiniz /sources mənbələri və ya /alerts bildirişlərinizə uyğun relizləri alırsınız (/settings bölməsində dəyişə bilərsiniz).
topic-usage = İstifadə: <code>/topic &lt;ad&gt;</code>, məsələn, <code>/topic energy</code>. Bütün mövzular: /topics.
topic-latest = «{ $name }» mövzusunda son relizlər
topic-empty = Bu mövzuda hələ reliz yoxdur.
topic-gone = Bu mövzu artıq yoxdur. /topics əmrini yenidən göndərin.
topic-following = «{ $name }» mövzusunu izləyirsiniz
topic-unfollowed = «{ $name }» mövzusunu artıq izləmirsiniz
topic-follow-button = İzlə: { $name }
topic-unfollow-button = ✅ İzləyirsiniz: { $name } — dayandır
topic-unknown = «{ $name }» adlı mövzu yoxdur. Siyahı: /topics.
topic-unknown-suggest = «{ $name }» adlı mövzu yoxdur. Bəlkə bunlardan birini nəzərdə tutursunuz: { $suggestions }? Bütün mövzular: /topics.
topic-name-too-long = “{ $name }” mövzusu yoxdur. Mövzu adları ən çoxu { $limit } simvoldur: /topics göndərin və siyahıdan ad və ya slug götürün.

## /settings

settings-not-subscribed = Bu çat hələ abunə deyil. Əvvəlcə /start göndərin, sonra ayarları burada seçin.
settings-text =
    <b>Ayarlar</b>

    Göndərilir: <b>{ $mode }</b>
    Relizlərin dilləri: <b>{ $languages }</b>
    Xülasə: <b>{ $digest }</b>
    Saat qurşağı: <b>{ $zone }</b> (/timezone)
    Botun dili: <b>{ $botLanguage }</b>

    Dəyişmək üçün düyməyə toxunun.
settings-mode-all = Bütün relizlər
settings-mode-topics = Yalnız izlədiklərim (bax: /topics, /sources, /alerts)
settings-all-languages-lower = bütün dillər
settings-button-all = Bütün relizlər
settings-button-topics = Yalnız izlədiklərim
settings-button-all-languages = Bütün dillər
settings-button-sources = 📰 Mənbələr
settings-button-update-notices = ✏️ “Yeniləndi” cavabları
settings-done-update-notices-on = Aldığınız reliz əhəmiyyətli dərəcədə dəyişəndə qısa “Yeniləndi” cavabı gələcək.
settings-done-update-notices-off = Dəyişən relizlər “Yeniləndi” cavabı olmadan düzəldiləcək.
settings-done-all = Bütün relizləri alacaqsınız.
settings-done-topics = Yalnız mövzularınız, mənbələriniz üzrə və ya bildirişlərinizə uyğun relizləri alacaqsınız.
settings-done-no-topics = Hələ heç bir mövzunu və mənbəni izləmirsiniz və bildirişiniz yoxdur: /topics ilə mövzu, /sources ilə mənbə seçin və ya /alert ilə bildiriş yadda saxlayın.
settings-done-languages = Dillər: { $languages }
settings-done-all-languages = Bütün dillər
settings-done-bot-language = Bundan sonra burada Azərbaycan dilində danışacağam.
settings-done-digest = Xülasə: { $digest }

## Kanallar

channel-usage = <code>/{ $command } @kanalınız</code> (və ya kanalın -100… id-si) əmrini bura, mənimlə şəxsi çata göndərin. Siz kanalın admini olmalısınız, mən də mesaj dərc etmək icazəsi olan admin olmalıyam.
channel-not-visible = Bu kanalı görmürəm. Adı yoxlayın və əvvəlcə məni kanala admin kimi əlavə edin.
channel-not-channel = Bu, kanal deyil. Qrup üçün məni qrupa əlavə edin və orada /start göndərin.
channel-cannot-check = Kanalın adminlərini yoxlaya bilmirəm: əvvəlcə məni kanala admin kimi əlavə edin.
channel-not-admin = Bunu yalnız <b>{ $channel }</b> kanalının admini edə bilər.
channel-cannot-post = <b>{ $channel }</b> kanalında dərc etməyə icazəm yoxdur. Məni orada «Mesajların dərci» icazəsi ilə admin edin və yenidən cəhd edin.
channel-already = <b>{ $channel }</b> artıq abunə olub.
channel-subscribed = ✅ <b>{ $channel }</b> abunə oldu: yeni relizlər orada dərc olunacaq. Dayandırmaq üçün <code>/unsubscribe_channel { $ref }</code> göndərin. Nə aldığını /channels ilə dəyişə bilərsiniz.
channel-unsubscribed = <b>{ $channel }</b> abunəlikdən çıxarıldı: ora daha heç nə dərc olunmayacaq.
channel-was-not = <b>{ $channel }</b> abunə deyildi.
channel-private-only = Bu əmri mənə şəxsi çatda göndərin.

## Admin: /stats, /feeds, /feed_add, /feed_remove, lentlərin vəziyyəti

stats-chats = Çatlar
stats-chats-line = aktiv { $active } · dayandırıb { $stopped } · bloklayıb { $blocked }
stats-releases = <b>Relizlər</b>: { $count }
stats-queue = Göndərmə növbəsi
stats-queue-line = növbədə { $queued } · son saatda göndərilib { $sent } · son saatda xəta { $failed }
stats-queue-totals = cəmi göndərilib { $sent } · cəmi xəta { $failed }
stats-queue-line2 = bloklanmış çatlar { $blocked } · sürət { $rate }/san
stats-telegram-down = ⚠️ Telegram { $since } vaxtından cavab vermir: göndərmə gözləyir, bir-bir cəhd edilir (növbəti { $seconds } san sonra); növbədəki mesajların cəhdləri sərf olunmur
stats-feeds = Lentlər ({ $count })
stats-no-feeds = hələ yoxdur: /feed_add &lt;url&gt; ilə əlavə edin
stats-removed-feeds = { $count } lent silinib (bax: /feeds)
feed-last-success = son uğurlu yoxlama: { $when }
feed-never = heç vaxt
feed-errors = ardıcıl { $count } xəta
feed-last-error = son xəta: { $error }
feeds-title = Lentlər
feeds-empty = Hələ lent yoxdur. /feed_add &lt;url&gt; ilə əlavə edin.
feeds-removed = silinib (/feed_add onu bərpa edir)
feed-add-usage = İstifadə: <code>/feed_add https://example.org/press/rss</code> (http və ya https ünvanı).
feed-remove-usage = İstifadə: <code>/feed_remove &lt;id və ya URL&gt;</code>, /feeds siyahısındakı kimi.
feed-bad-url = Bu, lent ünvanı deyil: { $reason }.
feed-next-poll = Növbəti yoxlamada yüklənəcək; hazırkı yazıları axtarış üçün saxlanılır, göndərilmir.
feed-resumed = ✅ #{ $id } lenti bərpa olundu: { $url }
feed-added = ✅ #{ $id } lenti əlavə olundu: { $url }
feed-exists = Bu lent artıq var: #{ $id }.
feed-add-preset-usage = Və ya lenti olmayan mətbuat səhifəsi: <code>/feed_add &lt;siyahı ünvanı&gt; --preset &lt;ad&gt;</code>, hazır ayarlar: { $presets }.
feed-every-usage = Öz yoxlama aralığı: <code>--every 60s</code> əlavə edin (30s-dən 24h-dək; s, m və ya h).
feed-every-set = Hər { $every } yoxlanılır.
feed-bad-every = ⚠️ { $reason }
feed-source-cannot-add = Bu səhifəni əlavə etmək olmur: { $reason }.
feed-source-added = ✅ #{ $id } mətbuat səhifəsi əlavə olundu ({ $preset }): { $url }
feed-source-replaced = #{ $id } mətbuat səhifəsi artıq var; onun mənbə ayarları əvəz olundu.
feed-source-next-poll = Növbəti yoxlamada oxunacaq; hazırkı yazıları axtarış üçün saxlanılır, göndərilmir.
feed-no-such-id = #{ $id } lenti yoxdur. Bax: /feeds.
feed-no-such-url = Bu ünvanla lent yoxdur. Bax: /feeds.
feed-already-removed = #{ $id } <b>{ $name }</b> lenti artıq silinib.
feed-removed = #{ $id } <b>{ $name }</b> lenti silindi. Artıq yoxlanılmır; relizləri axtarışda qalır (onun ünvanı ilə /feed_add lenti bərpa edir).
feed-failing =
    ⚠️ <b>{ $name }</b> lenti ardıcıl { $count } yoxlamada xəta verib.
    Son xəta: { $error }
feed-recovered = ✅ <b>{ $name }</b> lenti yenidən işləyir.
feed-error-unknown = naməlum

## Admin: /broadcast

broadcast-usage =
    <b>Göndəriş</b>
    <code>/broadcast &lt;mətn&gt;</code> — abunə olan bütün çatlara
    Əvvəlcə parametrlər, istənilən: <code>topic:&lt;slug&gt;,…</code> (bu mövzuların izləyiciləri), <code>lang:ru,az</code> (bu dillərdə oxuyan çatlar), <code>kind:private,group,channel,forum</code>, <code>at:YYYY-MM-DD HH:mm</code> və <code>tz:Asia/Baku</code> (sonra göndərmək üçün; <code>tz:</code> olmadan — sizin /timezone), <code>urgent:yes</code> (növbədəki relizlərdən əvvəl), <code>silent:yes</code> (səssiz).
    <code>[ru]</code>, <code>[az]</code> və ya <code>[en]</code> sətri həmin dildə buraxılışı başladır: hər çat öz dilindəki buraxılışı alır (yoxdursa, birincini). <code>button: Mətn=https://…</code> sətri keçid düyməsi əlavə edir (ən çox 3).
    Və ya mesaja (mətn, foto, video və ya sənəd) <code>/broadcast</code> ilə cavab verin ki, onu göndərəsiniz.
    Qalın, kursiv, keçidlər və s. saxlanılır. Göndərməzdən əvvəl önizləməni görüb təsdiq edəcəksiniz.
broadcast-too-long = { $language } buraxılışı bir mesaj üçün çox uzundur ({ $length } simvol; ən çox { $limit }).
broadcast-caption-too-long = { $language } buraxılışının izahı çox uzundur ({ $length } simvol; izahda ən çox { $limit }).
broadcast-empty-edition = { $language } buraxılışı boşdur.
broadcast-unknown-language = “{ $language }” göndəriş dili deyil: en, ru və ya az yazın.
broadcast-duplicate-language = İki { $language } buraxılışı var: hər dili bir dəfə verin.
broadcast-unknown-kind = “{ $kind }” çat növü deyil: private, group, channel və ya forum yazın.
broadcast-unknown-source = “{ $source }” nömrəsi, ünvanı və ya adı olan lent yoxdur (bax: /feeds).
broadcast-bad-button = “{ $button }” düymə deyil: <code>button: Mətn=https://…</code> yazın
broadcast-too-many-buttons = Ən çox { $limit } düymə.
broadcast-bad-time = “{ $time }” vaxt deyil: <code>at:YYYY-MM-DD HH:mm</code> yazın
broadcast-bad-zone = “{ $zone }” saat qurşağı deyil (məsələn, <code>tz:Asia/Baku</code>).
broadcast-time-past = Bu vaxt artıq keçib.
broadcast-no-audience = Bu auditoriyaya uyğun çat yoxdur: göndəriləcək kimsə yoxdur.
broadcast-audience = { $chats }
broadcast-audience-topic = <b>{ $topic }</b> mövzusunu izləyən { $chats }
broadcast-audience-languages = { $languages } dilində oxuyan
broadcast-audience-kinds = bunlar arasında: { $kinds }
chat-kind-private = şəxsi çatlar
chat-kind-group = qruplar
chat-kind-channel = kanallar
chat-kind-forum = forum mövzuları
broadcast-question =
    📣 #{ $id } göndərişi — önizləmə yuxarıdadır.
    Alacaq: { $audience }. Göndərilsin?
broadcast-confirm-button = ✅ Təsdiqlə və göndər
broadcast-cancel-button = ✖️ Ləğv et
broadcast-schedule-hint = 🕘 Sonra göndərmək üçün: <code>/broadcast_at { $id } YYYY-MM-DD HH:mm</code> ({ $zone } vaxtı ilə; vaxtdan sonra qurşaq yazmaq olar), sonra “Təsdiqlə”.
broadcast-editions = Buraxılışlar: { $list }
broadcast-at = 🕘 { $time } ({ $zone })
broadcast-flag-urgent = ⚡ Təcili: növbədəki relizlərdən əvvəl
broadcast-flag-silent = 🔕 Səssiz
broadcast-schedule-button = ✅ Təsdiq et və planlaşdır
broadcast-test-button = 📱 Əvvəlcə mənə
broadcast-test-sent = { $count ->
    [one] Abunəçilərin alacağı kimi sizə göndərildi.
   *[other] Sizə göndərildi: { $count } buraxılış, abunəçilərin alacağı kimi.
}
broadcast-scheduled = 🕘 #{ $id } göndərişi { $time } ({ $zone }) üçün planlaşdırıldı. /broadcasts onu göstərir; <code>/broadcast_cancel { $id }</code> onu ləğv edir.
broadcast-scheduled-answer = Planlaşdırıldı.
broadcast-was-scheduled = #{ $id } göndərişi artıq planlaşdırılıb.
broadcast-queued = 📣 #{ $id } göndərişi növbəyə qoyuldu, alacaq: { $chats }…
broadcast-nobody = 📣 #{ $id } göndərişi: uyğun çat yoxdur, növbəyə heç nə qoyulmadı.
broadcast-sending = Göndərilir…
broadcast-nobody-answer = Göndəriləcək kimsə yoxdur.
broadcast-cancelled = ✖️ #{ $id } göndərişi ləğv edildi. Heç nə göndərilmədi.
broadcast-cancelled-answer = Ləğv edildi.
broadcast-was-cancelled = #{ $id } göndərişi ləğv edilib.
broadcast-was-confirmed = #{ $id } göndərişi artıq təsdiqlənib.
broadcast-was-finished = #{ $id } göndərişi artıq təsdiqlənib və başa çatıb.
broadcast-cancel-usage = İstifadə: <code>/broadcast_cancel [id]</code>
broadcast-not-running = #{ $id } göndərişi getmir (başa çatıb, ləğv edilib və ya mövcud deyil).
broadcast-cancelled-one = #{ $id } göndərişi ləğv edildi: { $dropped } növbədən çıxarıldı.
broadcast-none-running = Hazırda gedən göndəriş yoxdur.
broadcast-cancelled-many = { $ids } ləğv edildi: { $dropped } növbədən çıxarıldı.
broadcast-pending = gözləyən { $count } mesaj
broadcast-at-usage = İstifadə: <code>/broadcast_at &lt;id&gt; YYYY-MM-DD HH:mm [qurşaq]</code> (qurşaq olmadan — sizin /timezone)
broadcast-not-schedulable = #{ $id } göndərişi artıq başlayıb, ləğv edilib və ya mövcud deyil: vaxtı artıq dəyişmək olmaz.
broadcast-rescheduled = 🕘 #{ $id } göndərişi indi { $time } ({ $zone }) gedəcək.
broadcast-time-set = 🕘 #{ $id } göndərişi təsdiq etdikdən sonra { $time } ({ $zone }) gedəcək.
broadcast-edit-usage = İstifadə: <code>/broadcast_edit &lt;id&gt; &lt;yeni mətn&gt;</code>, buraxılışlar üçün <code>[ru]</code> sətirləri ilə, və ya yeni mətnə cavab olaraq.
broadcast-edited = ✏️ #{ $id } göndərişi dəyişdirildi. Hələ başlamayıb, ona görə bütün çatlar yeni versiyanı alacaq.
broadcast-correcting = ✏️ #{ $id } göndərişi: göndərilmiş { $count } mesaj düzəldilir…
broadcast-not-editable = #{ $id } göndərişi yoxdur, geri çəkilib və ya başlamazdan əvvəl ləğv edilib.
broadcast-edit-new-language = #{ $id } göndərişi { $language } buraxılışı olmadan gedib: yalnız öz buraxılışlarını düzəltmək olar.
broadcast-withdraw-usage = İstifadə: <code>/broadcast_withdraw &lt;id&gt;</code>
broadcast-not-withdrawable = #{ $id } göndərişi heç göndərilməyib və ya artıq geri çəkilib.
broadcast-withdrawing = 🗑 #{ $id } göndərişi geri çəkildi: göndərilmiş { $count } mesaj silinir (son 48 saatın mesajları)…
broadcast-started = 📣 #{ $id } göndərişi plana uyğun başladı: { $chats } üçün növbəyə qoyuldu…
broadcast-started-late = ⏰ #{ $id } göndərişi { $time } ({ $zone }) getməli idi, bot o vaxt işləmirdi. İndi gedir, { $chats } alacaq.
broadcasts-title = <b>Göndərişlər</b>
broadcasts-none = Hələ göndəriş yoxdur. /broadcast yenisini başladır.
broadcasts-line-preview = 📝 #{ $id } önizləmə · { $editions } · “{ $excerpt }”
broadcasts-line-scheduled = 🕘 #{ $id } { $time } ({ $zone }) · { $editions } · “{ $excerpt }”
broadcasts-line-running = 📣 #{ $id } gedir: { $sent } / { $total } · { $editions } · “{ $excerpt }”
broadcasts-line-done = ✅ #{ $id } { $total } çatdan { $sent } çata çatdı · { $editions } · “{ $excerpt }”
broadcasts-line-cancelled = ✖️ #{ $id } ləğv edildi ({ $sent } göndərilib) · { $editions } · “{ $excerpt }”
broadcasts-line-withdrawn = 🗑 #{ $id } geri çəkildi ({ $sent } göndərilmişdi) · { $editions } · “{ $excerpt }”
broadcast-progress-title = 📣 <b>#{ $id } göndərişi</b>: göndərilir…
broadcast-progress-counts = Göndərilib { $sent } · xəta { $failed } · qalıb { $remaining }
broadcast-progress-rate = Sürət { NUMBER($rate, minimumFractionDigits: 1, maximumFractionDigits: 1) } mesaj/san
broadcast-progress-rate-eta = Sürət { NUMBER($rate, minimumFractionDigits: 1, maximumFractionDigits: 1) } mesaj/san · təxminən { $eta } qalıb
broadcast-finished = ✅ <b>#{ $id } göndərişi başa çatdı</b>
broadcast-final-cancelled = 🛑 <b>#{ $id } göndərişi ləğv edildi</b>
broadcast-report-counts = Ünvan { $targeted } · göndərilib { $sent } · xəta { $failed } · bloklayıb { $blocked } · buraxılıb { $skipped }
broadcast-report-editions = Buraxılışlar üzrə: { $list }
broadcast-report-reasons = Göndərilməyib: { $list }
broadcast-correcting-title = ✏️ <b>#{ $id } göndərişi</b>: düzəldilir…
broadcast-withdrawing-title = 🗑 <b>#{ $id } göndərişi</b>: geri çəkilir…
broadcast-follow-up-counts = Hazırdır { $done } · xəta { $failed } · qalıb { $remaining }
broadcast-corrected = ✏️ <b>#{ $id } göndərişi düzəldildi</b>
broadcast-withdrawn = 🗑 <b>#{ $id } göndərişi geri çəkildi</b>
broadcast-follow-up-final = Hazırdır { $done } · xəta { $failed } · buraxılıb { $skipped } (oxucu silib və ya Telegram-ın 48 saatı keçib)
broadcast-took = Sərf olunan vaxt: { $duration }
duration-seconds = { $s } san
duration-minutes = { $m } dəq { $s } san
duration-hours = { $h } saat { $m } dəq

## Relizlərin göndərilməsi

push-read-more = Relizi tam oxu
push-updated = ✏️ Yeniləndi: { $title }
push-menu-button = ⋯
push-mute-source = 🔇 { $name } səssizə al
push-unmute-source = 🔔 { $name } səsini aç
push-follow-topic = { $name } izlə
push-unfollow-topic = ✅ { $name } izləmə
push-source-muted = { $name } səssizə alındı: oradan daha heç nə gəlməyəcək. Geri qaytarmaq: /sources.

## Bildirişlər (/alert, /alerts)

alert-usage =
    <b>Bildirişlər</b>: axtarışa uyğun relizləri alın.
    <code>/alert &lt;sözlər&gt;</code>, məsələn <code>/alert külək elektrik stansiyası -dəniz</code>

    • hər söz olmalıdır; <code>liman*</code> “liman” ilə başlayan sözlər; <code>"boz səs"</code> dəqiq ifadə; <code>-söz</code> istisna edir; <code>topic:&lt;slug&gt;</code> yalnız bir mövzu.
    Bildirişlərinizə baxmaq və silmək üçün /alerts.
alert-only-excludes = Bildirişdə yalnız istisna sözlər deyil, axtarılacaq ən azı bir söz olmalıdır.
alert-too-long = Bu bildiriş çox uzundur: 200 simvoldan az olsun.
alert-too-many = Bu bildirişdə sözlər çoxdur: ən çoxu 12.
alert-limit = Bu çatda artıq { $limit } bildiriş var, bu, maksimumdur. Əvvəlcə /alerts ilə birini silin.
alert-duplicate = “{ $query }” bildirişi artıq sizdə var.
alert-saved = 🔔 Bildiriş yadda saxlandı: “{ $query }”. Uyğun relizlər bura göndəriləcək.
alert-while-all = Qeyd: bu çat <b>bütün</b> relizləri alır, ona görə bildiriş yalnız uyğun olanları işarələyir. Yalnız mövzularınızı və bildirişlərinizi almaq üçün aşağıda keçin.
alert-switch-button = Yalnız izlədiklərim
alerts-empty = Hələ bildiriş yoxdur. <code>/alert &lt;sözlər&gt;</code> ilə birini yadda saxlayın.
alerts-title = <b>Bildirişləriniz</b> ({ $limit } bildirişdən { $count }; silmək üçün toxunun)
alert-deleted = Bildiriş silindi.
alert-gone = Bu bildiriş artıq silinib.
push-alert = Bildiriş: { $query }

## Xülasələr və saat qurşaqları (/digest, /timezone)

digest-usage =
    <b>Xülasə</b>: hər reliz üçün ayrıca mesaj əvəzinə gündə və ya həftədə bir mesaj.
    <code>/digest daily 08:00</code>
    <code>/digest weekly mon 09:30</code>
    <code>/digest off</code> — hər reliz gələn kimi
    Vaxt çatın saat qurşağındadır: <code>/timezone Asia/Baku</code>.
digest-set = 🗞 Xülasə: <b>{ $digest }</b>.
digest-off = söndürülüb (hər reliz gələn kimi)
digest-daily = hər gün saat { $time } ({ $zone })
digest-weekly = hər { $day ->
    [1] bazar ertəsi
    [2] çərşənbə axşamı
    [3] çərşənbə
    [4] cümə axşamı
    [5] cümə
    [6] şənbə
   *[7] bazar
  } saat { $time } ({ $zone })
timezone-usage = İstifadə: <code>/timezone &lt;ad&gt;</code>, məsələn <code>/timezone Asia/Baku</code> və ya <code>/timezone UTC</code>.
timezone-unknown = “{ $name }” tanıdığım saat qurşağı deyil. <code>Asia/Baku</code> və ya <code>Europe/Berlin</code> kimi bir ad yazın.
timezone-set = 🕰 Saat qurşağı: <b>{ $zone }</b>.
digest-heading = Xülasə: { $count } reliz
digest-continued = (davamı)
held-list-heading = Sakit saatlarınız ərzində: daha { $count } reliz
held-list-note = İlk bir neçəsi ayrı-ayrılıqda gəldi, qalanları burada toplanıb.
digest-other-topics = Digər
settings-digest-off-button = Dərhal
settings-digest-daily-button = Gündəlik xülasə
settings-digest-weekly-button = Həftəlik xülasə

## Forum mövzuları

topic-subscribed = 👋 <b>Abunə oldunuz!</b> Yeni press-relizlər bu mövzuya gələcək. Nələrin gələcəyini burada /settings ilə seçin.
topic-paused = ⏸ Bu mövzuya göndəriş dayandırılıb: Telegram “{ $reason }” cavabını verdi. Mövzunu yenidən açın və davam etmək üçün burada /start göndərin.
stats-paused = dayandırılmış forum mövzuları: { $count }
stats-paused-line = mövzu { $thread }: { $reason }
stats-paused-unknown = naməlum

## Kanallar (/channels, /channel_alert)

channels-empty = Hələ heç bir kanalı abunə etməmisiniz. Məni kanalınıza admin kimi əlavə edin, sonra bura <code>/subscribe_channel @kanalınız</code> göndərin.
channels-list = <b>Kanallarınız</b> ({ $count }): nə aldığını dəyişmək üçün birinə toxunun.
channel-gone = Bu kanal artıq abunə deyil.
channel-no-longer-admin = Siz artıq bu kanalın admini deyilsiniz, ona görə onu dəyişə bilməzsiniz.
channel-topics-button = 🗂 Mövzular
channel-alerts-button = 🔔 Bildirişlər
channel-back-button = « Ayarlar
channel-topics-title = <b>Mövzular</b> (izləmək və ya izləməməyi seçmək üçün toxunun)
channel-alert-usage = İstifadə: <code>/channel_alert @kanal &lt;sözlər&gt;</code> abunə etdiyiniz kanal üçün bildiriş yadda saxlayır.

## The web archive (src/web/archive/): plain text, the page template escapes it

web-site-title = Press-relizlər
web-nav-latest = Yenilər
web-nav-topics = Mövzular
web-nav-search = Axtarış
web-language = Dil
web-skip = Məzmuna keç
web-search-label = Arxivdə axtarış
web-search-button = Axtar
web-search-hint = Sözlər istənilən formada; filtrlər: topic:energy, from:2024-01-31, to:2024-12-31.
web-filter-language = Relizin dili
web-filter-topic = Mövzu
web-filter-any = Hamısı
web-filter-apply = Göstər
web-latest-title = Yeni relizlər
web-page = Səhifə { $page }
web-newer = « Daha yeni
web-older = Daha köhnə »
web-empty = Burada hələ reliz yoxdur.
web-topics-title = Mövzular
web-topics-empty = Hələ mövzu yoxdur: relizlər gəldikcə yaranacaq.
web-search-title = Axtarış
web-search-found = “{ $words }” üzrə { $total } nəticə
web-search-found-filters = { $total } nəticə, əvvəlcə yenilər
web-search-capped = Ən yeni uyğunluqların ən yaxşıları göstərilir: axtarışı daraltmaq üçün söz və ya filtr əlavə edin.
web-search-nothing = “{ $words }” üzrə heç nə tapılmadı.
web-search-nothing-filters = Bu filtrlərlə heç nə tapılmadı.
web-search-nothing-hint = Başqa sözlər yoxlayın, filtrləri azaldın və ya mövzulara baxın.
web-search-empty = Axtarmaq üçün söz yazın.
web-search-too-long = Axtarış çox uzundur: ən çoxu { $limit } simvol olsun.
web-search-unknown-topic = “{ $name }” adlı mövzu yoxdur.
web-search-suggest = Bəlkə bunu nəzərdə tuturdunuz:
web-rate-limited = Ünvanınızdan çox axtarış gəlir. Bir dəqiqə gözləyib yenidən cəhd edin.
web-original = Mənbənin saytında oxuyun
web-also-in = Digər dillərdə:
web-topics-label = Mövzular:
web-updated = Yeniləndi: { $date }
web-time-zone = Vaxt: { $zone }
web-feeds = Abunə: Atom, JSON Feed
web-not-found-title = Səhifə tapılmadı
web-not-found = Belə səhifə yoxdur: ünvan səhv yazılıb, ya da reliz silinib.
web-bad-request-title = Bu ünvan oxunmur
web-bad-request = Ünvanın bir hissəsi yanlışdır (məsələn, səhifə nömrəsi).
web-error-title = Nəsə alınmadı
web-error = Bir dəqiqədən sonra yenidən cəhd edin.
web-back-home = Yeni relizlərə qayıt
open-in-archive = 🌐 Arxivdə aç
## /sources

sources-title = Mənbələr
sources-hint = izləmək, izləməni dayandırmaq və ya səsini açmaq üçün toxunun
sources-empty = Hələ mənbə yoxdur.
sources-mode-all = Səssizə alınmış mənbələrdən başqa bütün relizləri alırsınız. Yalnız izlədiklərinizi almaq üçün /settings bölməsində «Yalnız izlədiklərim» seçin.
sources-follow-button = { $name } izlə
sources-unfollow-button = ✅ { $name } — izləməni dayandır
sources-unmute-button = 🔇 { $name } — səsini aç
source-following = { $name } izlənilir
source-unfollowed = { $name } artıq izlənilmir
source-unmuted = { $name } yenidən açıqdır
source-gone = Bu mənbə artıq yoxdur. /sources yenidən göndərin.

## /quiet

quiet-title = Bildirişlərin səsi
quiet-now = İndi: { $mode }
quiet-hours = Sakit saatlar: { $hours } ({ $zone }, /timezone)
quiet-alerts = Bildirişlər yenə də səslə: { $ring }
quiet-usage = Saatları belə təyin edin: <code>/quiet 23:00-07:00</code>.
quiet-yes = bəli
quiet-no = xeyr
quiet-mode-normal = səslə
quiet-mode-silent = həmişə səssiz
quiet-mode-quiet = sakit saatlarda səssiz
quiet-mode-hold = sakit saatlarda saxlanılır, bitəndə göndərilir
quiet-button-normal = 🔔 Səslə
quiet-button-silent = 🔕 Həmişə səssiz
quiet-button-quiet = 🌙 Gecə səssiz
quiet-button-hold = ⏸ Gecə saxla
quiet-button-alerts-on = ✅ Bildirişlər səslə
quiet-button-alerts-off = Bildirişlər səslə
quiet-bad-hours = “{ $typed }” saat aralığı deyil: iki vaxt yazın, məsələn <code>/quiet 22:00-08:00</code>.

# The admins' console (a Telegram Mini App, src/web/console/)
console-title = Mətbuat xidmətinin konsolu
console-tab-sources = Mənbələr
console-tab-delivery = Çatdırılma
console-tab-broadcast = Yayım
console-loading = Yüklənir…
console-refused-missing = Konsolu botdan açın: Telegram kim olduğunuzu təsdiqləyir, onsuz heç nə göstərilmir.
console-refused-forged = Bu seansın Telegram imzası düz gəlmir. Konsolu botdan yenidən açın.
console-refused-stale = Seansın vaxtı bitib. Konsolu bağlayın və botdan yenidən açın.
console-refused-not-admin = Konsol yalnız botun adminləri üçündür.
console-invalid-field = “{ $field }” sahəsi boşdur və ya düzgün deyil.
console-source-unknown = #{ $id } mənbəyi yoxdur.
console-source-paused = #{ $id } mənbəyi dayandırılıb: əvvəlcə onu davam etdirin.
console-broadcast-unknown = #{ $id } yayımı yoxdur.
console-broadcast-over = #{ $id } yayımı artıq getmir.
console-status-ok = İşləyir
console-status-error = Xəta
console-status-never = Hələ sorğulanmayıb
console-status-removed = Dayandırılıb
console-last-success = Son uğur
console-last-error = Son xəta
console-next-poll = Növbəti sorğu
console-next-tick = cədvəl üzrə növbəti sorğuda
console-releases = Relizlər
console-backoff = { $count } uğursuz sorğudan sonra fasilə
console-never = heç vaxt
console-poll-now = İndi sorğula
console-pause = Dayandır
console-resume = Davam etdir
console-no-sources = Hələ mənbə yoxdur: /feed_add və ya pressbot feeds add ilə əlavə edin.
console-hourly = Saatlar üzrə, son 7 gün
console-per-minute = Dəqiqələr üzrə, son 2 saat
console-sent = Göndərilib
console-failed = Xətalar
console-skipped = Buraxılıb
console-queued = İndi növbədə
console-rate = İndiki göndərmə sürəti
console-rate-configured = tənzimlənib: { $rate }/san
console-last-releases = Son relizlər
console-targeted = Ünvanlanıb
console-still-queued = Hələ növbədə
console-took = Dərcdən son göndərməyə qədər
console-text = Mətn (Telegram HTML: b qalın, i kursiv, a href keçid üçün)
console-language = Mətnin dili
console-audience = Auditoriya
console-audience-everyone = Hamı
console-audience-language = Bir dildə olan çatlar
console-audience-topic = Mövzunun izləyiciləri
console-topic = Mövzu
console-preview = Önbaxış: Telegram-ın alacağı ilə eyni
console-preview-html = Göndərilən HTML
console-reaches = { $count } çata çatacaq
console-send = Göndər…
console-confirm = İndi { $count } çata göndər
console-back = Geri
console-progress = #{ $id } yayımı: { $status }
console-pending = Gözləyir
console-cancel = Yayımı ləğv et
console-retry = Yenidən cəhd et
cmd-console = Mətbuat xidmətinin konsolunu aç (mənbələr, çatdırılma, yayımlar)
console-button = Konsol
console-open-hint = Konsolda mənbələr, çatdırılma və yayım redaktoru var.
console-unavailable = Konsol üçün <code>PUBLIC_URL</code> (https, Telegram bunu tələb edir) və HTTP server (<code>PORT</code>) lazımdır. Onun etdiyi hər şey burada da var: /feeds, /stats, /broadcast.
console-tab-audience = Auditoriya
console-joined = Aktiv çatlar, abunə olduqları günə görə (son 90 gün)
console-active-chats = Aktiv çatlar
console-by-language = Dilə görə
console-by-kind = Çatın növünə görə
console-by-mode = Rejimə görə
console-by-digest = İcmallar
console-forum-topics = Abunə olunmuş forum mövzuları
console-top-topics = Ən çox izlənən mövzular
console-no-language = seçilməyib
console-kind-private = Şəxsi çatlar
console-kind-group = Qruplar
console-kind-supergroup = Superqruplar
console-kind-channel = Kanallar
console-mode-all = Hər şey
console-mode-topics = Yalnız mövzular və xəbərdarlıqlar
console-digest-off = İcmalsız
console-digest-daily = Gündəlik
console-digest-weekly = Həftəlik
