/**
 * Words the order forms use, in the venues' UI languages. Only a fallback: adapters
 * anchor on ids, data-testid, name, aria-* and role first, because labels follow the
 * trader's language (research/extension-anchors.md §3.2, "General"). Matching folds case,
 * accents and format characters (bidi marks, zero-width joiners), and needs whole words in
 * scripts that separate words with spaces.
 *
 * The languages are the union of the eight venues' language menus (src/content/venues/
 * languages.ts says which venue offers which, and from what source). The words are the
 * terms trading forms use in each language; the English words are kept for every page,
 * because the venues leave many of them untranslated ("Long", "Cross", "TP/SL").
 */

export const LANGS = ['en', 'zh', 'ru', 'es', 'pt', 'fr', 'de', 'it', 'tr', 'ko', 'ja', 'vi', 'id', 'th', 'ar', 'pl', 'uk', 'ro', 'cs', 'nl', 'bg', 'lv', 'sv', 'bn', 'he', 'fil', 'kk'] as const;
export type Lang = (typeof LANGS)[number];

// One string per meaning, `lang:word,word|lang:word…`: compact for the content script's size budget. Words match
// whole within longer text, so a phrase holding a listed word ("Initial margin", "Max buy", "Est. liq. price",
// "所需保证金") is matched by that word and not listed.
export const VOCAB = {
  price: 'en:price|zh:价格,價格|ru:цена|es:precio|pt:preço|fr:prix|de:preis,kurs|it:prezzo|tr:fiyat|ko:가격|ja:価格|vi:giá|id:harga|th:ราคา|ar:السعر,سعر|pl:cena|uk:ціна|ro:preț,pret|cs:cena|nl:prijs|bg:цена|lv:cena|sv:pris|bn:মূল্য,দাম|he:מחיר|fil:presyo|kk:баға',
  quantity:
    'en:quantity,qty,size,amount|zh:数量,數量|ru:количество,кол-во,объём,объем,размер|es:cantidad,tamaño,monto|pt:quantidade,tamanho,qtd|fr:quantité,taille,montant|de:menge,größe,anzahl,betrag|it:quantità,dimensione,importo|tr:miktar,adet,büyüklük|ko:수량,크기|ja:数量,サイズ|vi:số lượng,khối lượng,kích thước|id:jumlah,ukuran,kuantitas|th:จำนวน,ขนาด|ar:الكمية,كمية,الحجم,حجم|pl:ilość,wielkość,rozmiar|uk:кількість,розмір,обсяг|ro:cantitate,mărime,dimensiune|cs:množství,velikost|nl:hoeveelheid,grootte,aantal|bg:количество,размер|lv:daudzums,apjoms|sv:antal,storlek,kvantitet|bn:পরিমাণ|he:כמות,גודל|fil:dami,laki|kk:саны,мөлшер,көлем',
  leverage:
    'en:leverage|zh:杠杆,槓桿|ru:плечо|es:apalancamiento|pt:alavancagem|fr:levier|de:hebel|it:leva|tr:kaldıraç|ko:레버리지|ja:レバレッジ|vi:đòn bẩy|th:เลเวอเรจ|ar:الرافعة,رافعة|pl:dźwignia|uk:плече|ro:levier|cs:páka|nl:hefboom|bg:ливъридж,лост|lv:svira|sv:hävstång|bn:লিভারেজ|he:מינוף|kk:левередж,иінтірек',
  cross:
    'en:cross|zh:全仓,全倉|ru:кросс,перекрестная|es:cruzado,cruzada|pt:cruzada,cruzado|fr:croisée,croisé|de:übergreifend|it:incrociato,incrociata|tr:çapraz|ko:교차,크로스|ja:クロス|vi:chéo|id:silang|th:ครอส|ar:متقاطع,متقاطعة|pl:krzyżowy,krzyżowa|uk:крос,перехресна|ro:încrucișat,încrucișată|cs:křížová,křížový|nl:gekruist|bg:кръстосан,кръстосана|lv:krusteniskā|sv:kors|bn:ক্রস|he:צולב|kk:кросс',
  isolated:
    'en:isolated|zh:逐仓,逐倉|ru:изолированная,изолированный,изолир|es:aislado,aislada|pt:isolada,isolado|fr:isolée,isolé|de:isoliert|it:isolato,isolata|tr:izole|ko:격리|ja:分離|vi:cô lập|id:terisolasi|th:แยก|ar:معزول,معزولة|pl:izolowany,izolowana|uk:ізольована,ізольований|ro:izolat,izolată|cs:izolovaná,izolovaný|nl:geïsoleerd|bg:изолиран,изолирана|lv:izolētā|sv:isolerad|bn:আইসোলেটেড|he:מבודד|kk:оқшауланған',
  buy: 'en:buy,long|zh:买入,做多,开多,買入,開多|ru:купить,лонг,покупка|es:comprar,largo|pt:comprar,compra|fr:acheter,achat|de:kaufen|it:acquista,compra|tr:al,uzun|ko:매수,롱|ja:買い,ロング|vi:mua|id:beli|th:ซื้อ|ar:شراء|pl:kup,kupno|uk:купити,купівля,лонг|ro:cumpără,cumpărare|cs:koupit,nákup|nl:kopen|bg:купи,купуване|lv:pirkt|sv:köp|bn:কিনুন,ক্রয়|he:קנה,קנייה|fil:bumili,bili|kk:сатып алу',
  sell: 'en:sell,short|zh:卖出,做空,开空,賣出,開空|ru:продать,шорт,продажа|es:vender,corto|pt:vender,venda|fr:vendre,vente|de:verkaufen|it:vendi,vendita|tr:sat,kısa|ko:매도,숏|ja:売り,ショート|vi:bán|id:jual|th:ขาย|ar:بيع|pl:sprzedaj,sprzedaż|uk:продати,продаж,шорт|ro:vinde,vânzare|cs:prodat,prodej|nl:verkopen|bg:продай,продажба|lv:pārdot|sv:sälj|bn:বিক্রি,বিক্রয়|he:מכור,מכירה|fil:magbenta,benta|kk:сату',
  limit: 'en:limit|zh:限价,限價|ru:лимит,лимитный|es:límite,limitada|pt:limite|fr:limite|de:limit|it:limite|tr:limit|ko:지정가|ja:指値|vi:giới hạn|id:limit|th:ลิมิต|ar:محدد,حد|pl:limit|uk:ліміт,лімітний|ro:limită|cs:limit|nl:limiet|bg:лимит|lv:limits|sv:limit|bn:লিমিট|he:לימיט,מוגבל|fil:limit|kk:лимит',
  market: 'en:market|zh:市价,市價|ru:рыночный,рынок,маркет|es:mercado|pt:mercado|fr:marché|de:markt|it:mercato|tr:piyasa|ko:시장가|ja:成行|vi:thị trường|id:pasar|th:ตลาด|ar:السوق,سوق|pl:rynek,rynkowe|uk:ринковий,ринок|ro:piață|cs:trh,tržní|nl:markt|bg:пазар,пазарна|lv:tirgus|sv:marknad|bn:মার্কেট,বাজার|he:שוק|fil:market|kk:нарық',
  conditional:
    'en:stop,trigger,conditional,trailing|zh:条件,止盈止损,计划委托,條件|ru:стоп,условный,триггер|es:condicional|pt:condicional|fr:conditionnel|de:bedingt|it:condizionale|tr:koşullu,tetik|ko:조건,스탑|ja:条件,逆指値,ストップ|vi:điều kiện|id:bersyarat|th:มีเงื่อนไข|ar:مشروط|pl:warunkowe,warunkowy|uk:умовний|ro:condiționat|cs:podmíněný|nl:voorwaardelijk|bg:условна|lv:nosacījuma|sv:villkorad|bn:শর্তসাপেক্ষ|he:מותנה|kk:шартты',
  open: 'en:open|zh:开仓,開倉|ru:открыть,открытие|es:abrir|pt:abrir|fr:ouvrir|de:eröffnen,öffnen|it:apri|tr:aç,açılış|ko:오픈,진입|ja:新規|vi:mở|id:buka|th:เปิด|ar:فتح|pl:otwórz,otwarcie|uk:відкрити|ro:deschide|cs:otevřít|nl:openen|bg:отвори|lv:atvērt|sv:öppna|bn:খুলুন|he:פתח|fil:buksan|kk:ашу',
  close: 'en:close|zh:平仓,平倉|ru:закрыть,закрытие|es:cerrar|pt:fechar|fr:fermer,clôturer|de:schließen|it:chiudi|tr:kapat|ko:종료,청산|ja:決済|vi:đóng|id:tutup|th:ปิด|ar:إغلاق|pl:zamknij,zamknięcie|uk:закрити|ro:închide|cs:zavřít|nl:sluiten|bg:затвори|lv:aizvērt|sv:stäng|bn:বন্ধ|he:סגור|fil:isara|kk:жабу',
  available:
    'en:available,avbl,avail|zh:可用|ru:доступно|es:disponible|pt:disponível|fr:disponible|de:verfügbar|it:disponibile|tr:kullanılabilir,mevcut|ko:사용 가능,주문 가능|ja:利用可能,使用可能|vi:khả dụng,có sẵn|id:tersedia|th:ที่ใช้ได้|ar:المتاح,متاح|pl:dostępne|uk:доступно|ro:disponibil|cs:k dispozici,dostupné|nl:beschikbaar|bg:налично|lv:pieejams|sv:tillgängligt|bn:উপলব্ধ|he:זמין|fil:magagamit|kk:қолжетімді',
  contracts:
    'en:cont,conts,contract,contracts,lot,lots|zh:张,張|ru:конт,контр,контракт,контракты,контрактов|es:contrato,contratos|pt:contrato,contratos|fr:contrat,contrats|de:kontrakt,kontrakte|it:contratto,contratti|tr:kontrat,sözleşme|ko:계약|ja:枚,契約|vi:hợp đồng|id:kontrak|th:สัญญา|ar:عقد,عقود|pl:kontrakt,kontrakty|uk:контракт,контракти|ro:contract,contracte|cs:kontrakt,kontrakty|nl:contract,contracten|bg:договор,договори|lv:līgums,līgumi|sv:kontrakt|bn:চুক্তি|he:חוזה,חוזים|fil:kontrata|kk:келісімшарт',
  reduceOnly:
    'en:reduce-only,reduce only|zh:只减仓,只減倉|ru:только сокращение|es:solo reducir|pt:somente reduzir,apenas reduzir|fr:réduction uniquement|de:nur reduzieren|it:solo riduzione|tr:sadece azalt|ko:감소 전용|ja:決済のみ,リデュース|vi:chỉ giảm|id:hanya kurangi|th:ลดเท่านั้น|ar:تقليل فقط|pl:tylko redukcja|uk:лише зменшення|ro:doar reducere|cs:pouze snížit|nl:alleen verminderen|bg:само намаляване|lv:tikai samazināt|sv:endast minska|bn:শুধু কমান|he:הקטנה בלבד|kk:тек азайту',
  /** Fields that are never the order's price or size: take-profit, stop-loss, trigger. */
  tpsl: 'en:take profit,stop loss,tp,sl,trigger|zh:止盈,止损,止損,触发,觸發|ru:тейк,стоп,триггер|es:stop,activación|pt:stop,gatilho|fr:stop,déclench|de:auslöse|it:attivazione|tr:kar al,zarar durdur,tetik|ko:익절,손절,트리거|ja:利確,損切,トリガー|vi:chốt lời,cắt lỗ,kích hoạt|id:pemicu|th:ทำกำไร,ตัดขาดทุน|ar:جني الأرباح,وقف الخسارة|pl:wyzwalacz|uk:тейк,стоп|ro:declanșare|cs:spouštěcí|nl:trigger|bg:стоп|lv:aktivizēšanas|sv:utlösare|he:טריגר|kk:стоп',
  markPrice:
    'en:mark,fair price|zh:标记价格,標記價格|ru:цена маркировки,маркировочная|es:precio de marca|pt:preço de marcação|fr:prix de marque|de:markpreis|tr:işaret fiyatı|ko:마크 가격,시장 평균가|ja:マーク価格|vi:giá đánh dấu|id:harga tanda|th:ราคามาร์ค|ar:سعر العلامة|pl:cena znacznikowa|uk:ціна маркування|ro:preț de marcaj|cs:značková cena|nl:markprijs|bg:маркирана цена|lv:atzīmes cena|sv:märkpris|bn:মার্ক মূল্য|he:מחיר סימון|kk:белгі бағасы',
  lastPrice:
    'en:last|zh:最新价,最新價|ru:последняя цена|es:último precio|pt:último preço|fr:dernier prix|de:letzter preis|it:ultimo prezzo|tr:son fiyat|ko:최근 체결가,현재가|ja:最終価格,現在値|vi:giá gần nhất|id:harga terakhir|th:ราคาล่าสุด|ar:آخر سعر|pl:ostatnia cena|uk:остання ціна|ro:ultimul preț|cs:poslední cena|nl:laatste prijs|bg:последна цена|lv:pēdējā cena|sv:senaste pris|bn:সর্বশেষ মূল্য|he:מחיר אחרון|kk:соңғы баға',
  /** The margin an order needs, as the venue shows it next to the form ("Cost 25.00 USDT", "Margin Required"). */
  cost: 'en:cost,margin|zh:成本,保证金,保證金|ru:стоимость,маржа,затраты|es:costo,coste,margen|pt:custo,margem|fr:coût,marge|de:kosten,marge|it:costo,margine|tr:maliyet,marjin|ko:비용,증거금|ja:コスト,証拠金|vi:chi phí,ký quỹ|id:biaya|th:ต้นทุน|ar:التكلفة,تكلفة|pl:koszt|uk:вартість,маржа|ro:cost|cs:náklady|nl:kosten|bg:разход|lv:izmaksas|sv:kostnad|bn:খরচ|he:עלות|kk:құны',
  /**
   * Margin figures that are not the order's cost: the maintenance margin, the margin ratio, the margin balance
   * ("Maintenance margin 81.25 USDT", "Поддерживающая маржа", "保证金率"), in the languages whose cost words hold a bare "margin";
   * and the account's margins beside the form: its positions' ("Position margin", "持仓保证金"), its other open orders'
   * ("Order margin", "Frozen margin", "委托保证金") and what it uses ("Used margin", "占用保证金").
   */
  notCost:
    'en:maintenance,maint,ratio,balance,free,position margin,order margin,frozen,used,locked|zh:维持,維持,率,余额,餘額,仓位,持仓,持倉,委托保证金,冻结,凍結,占用,已用|ru:поддерживающая,поддержки,коэффициент,уровень,баланс,позиции,ордеров,использованная,замороженная|uk:підтримувальна,коефіцієнт,рівень,баланс|es:mantenimiento,ratio,saldo|pt:manutenção,índice,saldo|fr:maintenance,ratio,solde|de:erhaltungsmarge,quote,saldo|it:mantenimento,rapporto,saldo|tr:sürdürme,oran,bakiye|ko:유지,비율,잔고|ja:維持,率,残高|vi:duy trì,tỷ lệ,số dư',
  /** The order's notional as the venue shows it ("Order Value 16,250.13 USDT"). */
  orderValue:
    'en:order value,value,notional,position value|zh:订单价值,委托价值,价值,價值|ru:стоимость ордера,сумма ордера|es:valor de la orden,valor|pt:valor da ordem,valor|fr:valeur de l’ordre,valeur|de:orderwert,wert|it:valore dell’ordine,valore|tr:emir değeri,değer|ko:주문 금액,주문 가치|ja:注文額,注文金額,注文価値|vi:giá trị lệnh,giá trị|id:nilai order,nilai|th:มูลค่าคำสั่ง,มูลค่า|ar:قيمة الأمر,القيمة|pl:wartość zlecenia,wartość|uk:вартість ордера|ro:valoarea ordinului,valoare|cs:hodnota příkazu,hodnota|nl:orderwaarde,waarde|bg:стойност на поръчката,стойност|lv:rīkojuma vērtība,vērtība|sv:ordervärde,värde|bn:অর্ডার মূল্য|he:שווי הזמנה,שווי|kk:ордер құны',
  /** The largest size the balance allows ("Max 0.384 BTC", "Max long 19 Cont"). */
  maxOpen: 'en:max|zh:最大,可开,可開|ru:макс,максимум|es:máx,máximo|pt:máx,máximo|fr:max|de:max|it:max|tr:maks,maksimum|ko:최대|ja:最大|vi:tối đa|id:maks|th:สูงสุด|ar:الحد الأقصى,أقصى|pl:maks|uk:макс|ro:max|cs:max|nl:max|bg:макс|lv:maks|sv:max|bn:সর্বোচ্চ|he:מקסימום|kk:макс',
  /** The venue's own liquidation estimate for the order ("Liq. Price", "Est. Liq. Price", "强平价格"). */
  liqPrice:
    'en:liq. price,liq price,liquidation price|zh:强平价,預估強平價,爆仓价|ru:цена ликвидации|es:precio de liquidación|pt:preço de liquidação|fr:prix de liquidation|de:liquidationspreis|it:prezzo di liquidazione|tr:tasfiye fiyatı,likidasyon fiyatı|ko:청산가,청산 가격|ja:清算価格,強制決済価格|vi:giá thanh lý|id:harga likuidasi|th:ราคาชำระบัญชี|ar:سعر التصفية|pl:cena likwidacji|uk:ціна ліквідації|ro:preț de lichidare|cs:likvidační cena|nl:liquidatieprijs|bg:цена на ликвидация|lv:likvidācijas cena|sv:likvidationspris|bn:লিকুইডেশন মূল্য|he:מחיר חיסול|kk:жою бағасы',
} as const;

export type VocabKey = keyof typeof VOCAB;

/**
 * `vocab` with every word folded, each meaning's words by language in LANGS order, one slot per language
 * (`english|chinese|russian|…`, an empty slot for a language with no word of its own, none after the last):
 * the table the reader walks, in the build without the 600-odd language codes (about 0.5 KB gzipped of the
 * content script). A word another language shares with English ("limit", "max") is left out of that
 * language: the English words are matched on every page anyway.
 */
export function foldVocab(vocab: Readonly<Record<VocabKey, string>>): Record<VocabKey, string> {
  const out = {} as Record<VocabKey, string>;
  for (const key of Object.keys(vocab) as VocabKey[]) {
    const slots: string[] = LANGS.map(() => '');
    for (const part of vocab[key].split('|')) {
      const [lang = '', list = ''] = part.split(':');
      const at = LANGS.indexOf(lang as Lang);
      if (at < 0 || slots[at]) throw new Error(`vocabulary ${key}: language ${lang} unknown or listed twice`);
      slots[at] = [...new Set(list.split(',').map(fold))].join(',');
    }
    const english = new Set(slots[0]?.split(','));
    const folded = slots.map((list, i) => (i === 0 ? list : list.split(',').filter((w) => w && !english.has(w)).join(',')));
    while (folded.length > 1 && !folded[folded.length - 1]) folded.pop();
    out[key] = folded.join('|');
  }
  return out;
}

/**
 * The build writes the words already folded (vite.config.ts defines LIQGUARD_FOLDED_VOCAB as
 * foldVocab(VOCAB)), so a page's first read folds none of the ~890 words: in a fresh tab, with
 * nothing compiled yet, that folding was milliseconds of the first read. The folded table is also
 * smaller gzipped than the written one, and the written one is then left out of the bundle.
 * Without the build (tests, Node) the words are folded here, once, on first use.
 */
declare const LIQGUARD_FOLDED_VOCAB: Record<VocabKey, string> | undefined;
let folded: Record<VocabKey, string> | null = null;
const foldedVocab = (): Record<VocabKey, string> =>
  (folded ??= typeof LIQGUARD_FOLDED_VOCAB === 'object' ? LIQGUARD_FOLDED_VOCAB : foldVocab(VOCAB));

/** A character from U+00AD (the first format character) up: text without one has no format character to drop. */
const PAST_LATIN1_SIGNS = /[^\0-\xac]/;

/**
 * Any character beyond ASCII? Text without one (most of an English page) needs no Unicode-property
 * pattern, folding or normalising: each such pattern costs a fresh tab's first read its compile (tenths
 * of a millisecond each), and the first normalise loads the normaliser's data. Readers take an ASCII-only
 * path where the answer is the same.
 */
export const NON_ASCII = /[^\0-\x7f]/;

/**
 * Page text without its invisible format characters (\p{Cf}: bidi marks U+200E/U+200F/U+061C, isolates,
 * zero-width joiners, BOM), for matching and parsing. The Unicode patterns here and in the readers are
 * written where they are used, never as module constants: a pattern is built when its line first runs, and
 * building one with a Unicode class costs a fresh tab tenths of a millisecond (ICU's tables), which every
 * module constant paid as the module loaded, on an English page that never uses it.
 */
export function visible(text: string): string {
  return PAST_LATIN1_SIGNS.test(text) ? text.replace(/\p{Cf}/gu, '') : text;
}

/** Has `text` a letter (\p{L})? On ASCII text that is A-Z or a-z, told without the Unicode class. */
export const hasLetter = (text: string): boolean => (NON_ASCII.test(text) ? /\p{L}/u : /[A-Za-z]/).test(text);

/**
 * Folded texts of this page, memoised: one read folds the same labels for many anchors and meanings
 * (a walk over the page's text tests each node against every figure's words). Short texts only;
 * emptied when it grows past a page's worth.
 */
const folds = new Map<string, string>();

/** Case-, accent-, width- and format-character-insensitive form used for every comparison. */
export function fold(text: string): string {
  let f = folds.get(text);
  if (f === undefined) {
    // ASCII has nothing to decompose, no marks, no dotless i or stroked d.
    f = (NON_ASCII.test(text)
      ? visible(text)
          .normalize('NFKD')
          .replace(/\p{M}/gu, '')
          .toLowerCase()
          .replace(/ı/g, 'i')
          .replace(/đ/g, 'd')
      : text.toLowerCase()
    )
      .replace(/[’'`]/g, '’')
      .replace(/\s+/g, ' ')
      .trim();
    if (folds.size > 4000) folds.clear();
    if (text.length < 300) folds.set(text, f);
  }
  return f;
}

// Scripts written without spaces between words are matched as substrings (CJK, kana, hangul, Thai).
const NO_SPACES = /[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u1100-\u11ff\uf900-\ufaff]/;
/** Does a letter or digit end `text` (a whole code point, so astral letters count)? A word's neighbour that makes it part of a longer word. */
export const joinedBefore = (text: string): boolean => /[\p{L}\p{N}]$/u.test(text);
/** An ASCII letter or digit: what joinedBefore (and the test after a word) says of an ASCII character, without the Unicode class. */
export const asciiJoined = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
/** Words per set of languages, then per meaning; found by the languages' list itself first (`byList`). */
const cache = new Map<string, Map<VocabKey, string[]>>();
const byList = new WeakMap<readonly Lang[], Map<VocabKey, string[]>>();

/**
 * A meaning's folded words in some languages, longest first. Asked thousands of times per read with the
 * same few lists: joining a list's 27 codes into a key at every call was a fifth of a keystroke's read.
 */
function wordsFor(key: VocabKey, langs: readonly Lang[]): string[] {
  let known = byList.get(langs);
  if (!known) {
    const id = langs.join();
    known = cache.get(id) ?? new Map<VocabKey, string[]>();
    cache.set(id, known);
    byList.set(langs, known);
  }
  let words = known.get(key);
  if (!words) {
    // `word,word|word…` (a slot per language, in LANGS order) walked with indexOf: in a tab where nothing is compiled
    // yet, splitting each part (iterators, arrays) and sorting with a comparator cost the first read milliseconds.
    const text = foldedVocab()[key];
    // Longest first, in the order found within a length (what a stable sort by length gives). A word two
    // languages share is listed twice: it matches where it matched before, and building the list without
    // a set of the words seen is what a fresh tab's first read saves.
    const byLength: string[][] = [];
    for (let start = 0, slot = 0; start < text.length; slot++) {
      const bar = text.indexOf('|', start);
      const end = bar < 0 ? text.length : bar;
      // English words stay: venues leave "Long", "Cross", "TP/SL" untranslated in every language.
      if (slot === 0 || langs.includes(LANGS[slot] as Lang)) {
        for (let from = start; from < end; ) {
          const comma = text.indexOf(',', from);
          const to = comma < 0 || comma > end ? end : comma;
          if (to > from) (byLength[to - from] ??= []).push(text.slice(from, to));
          from = to + 1;
        }
      }
      start = end + 1;
    }
    words = [];
    for (let n = byLength.length - 1; n > 0; n--) {
      const same = byLength[n];
      if (same) for (let i = 0; i < same.length; i++) words.push(same[i] as string);
    }
    known.set(key, words);
  }
  return words;
}

/** Is word `w` in folded `f` at `i`, whole where its script spaces words? */
const at = (f: string, i: number, w: string): boolean => {
  if (!f.startsWith(w, i)) return false;
  if (NO_SPACES.test(w)) return true;
  const before = i > 0 ? f.charCodeAt(i - 1) : -1;
  const j = i + w.length;
  const after = j < f.length ? f.charCodeAt(j) : -1;
  // An ASCII neighbour (or none) is told without the Unicode patterns; any other is checked whole (astral letters).
  const joined = before < 0 ? false : before < 128 ? asciiJoined(before) : joinedBefore(f.slice(i > 1 ? i - 2 : 0, i));
  return !(joined || (after < 0 ? false : after < 128 ? asciiJoined(after) : /^[\p{L}\p{N}]/u.test(f.slice(j, j + 2))));
};

/**
 * Any of the words in folded `f`? A plain substring search per word (native and fast), the
 * whole-word check only where one is found: a read tests thousands of page texts, and one regex
 * alternating every language's words with look-arounds cost the first read hundreds of milliseconds.
 * Only the words that fit, shortest first (the list is longest first): a page's labels are short, and
 * most of a meaning's ~50 words are longer than a figure's "Cost" or "Max".
 */
const found = (f: string, words: string[]): boolean => {
  for (let k = words.length - 1, w; k >= 0 && (w = words[k] as string).length <= f.length; k--) {
    for (let i = f.indexOf(w); i >= 0; i = f.indexOf(w, i + 1)) if (at(f, i, w)) return true;
  }
  return false;
};

/** True when `text` contains one of the words for `key` in any of `langs` (all languages by default). */
export function hasWord(text: string, key: VocabKey, langs: readonly Lang[] = LANGS): boolean {
  return found(fold(text), wordsFor(key, langs));
}

/** `text` folded, with the words for `key` taken out: "Стоимость ордера" (order value) then no longer says "стоимость" (cost). */
export function without(text: string, key: VocabKey, langs: readonly Lang[] = LANGS): string {
  const f = fold(text);
  // Only the words `f` holds somewhere can be taken out: each place is tried against those alone, longest first.
  const words = wordsFor(key, langs).filter((w) => f.includes(w));
  let out = '';
  // Left to right, the longest word that starts here first, as a regex alternation sorted by length would.
  for (let i = 0, w; i < f.length; ) {
    w = words.find((x) => at(f, i, x));
    out += w ? ' ' : f[i];
    i += w ? w.length : 1;
  }
  return out;
}

/** The first of `keys` whose words appear in `text`, or null. */
export function whichWord<K extends VocabKey>(text: string, keys: readonly K[], langs: readonly Lang[] = LANGS): K | null {
  const f = fold(text);
  return keys.find((key) => found(f, wordsFor(key, langs))) ?? null;
}

/** The language subtag of a BCP 47 tag (`zh-Hant-TW` → `zh`, `fil-PH` → `fil`). */
export function langOf(tag: string | null | undefined): string {
  return (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
}
