/**
 * Words the order forms use, in the venues' UI languages. Only a fallback: adapters
 * anchor on ids, data-testid, name, aria-* and role first, because labels follow the
 * trader's language (research/extension-anchors.md §3.2, "General"). Matching folds case
 * and accents, and needs whole words in scripts that separate words with spaces.
 */

export const LANGS = ['en', 'zh', 'ru', 'es', 'tr', 'ko', 'ja', 'de', 'fr', 'pt', 'vi'] as const;
export type Lang = (typeof LANGS)[number];

// One string per meaning, `lang:word,word|lang:word…`: compact for the content script's size budget.
const VOCAB = {
  price: 'en:price|zh:价格,價格|ru:цена|es:precio|tr:fiyat|ko:가격|ja:価格|de:preis,kurs|fr:prix|pt:preço|vi:giá',
  quantity: 'en:quantity,qty,size,amount|zh:数量,數量|ru:количество,кол-во,объём,объем,размер|es:cantidad,tamaño,monto|tr:miktar,adet,büyüklük|ko:수량,크기|ja:数量,サイズ|de:menge,größe,anzahl,betrag|fr:quantité,taille,montant|pt:quantidade,tamanho|vi:số lượng,khối lượng,kích thước',
  leverage: 'en:leverage|zh:杠杆,槓桿|ru:плечо|es:apalancamiento|tr:kaldıraç|ko:레버리지|ja:レバレッジ|de:hebel|fr:levier|pt:alavancagem|vi:đòn bẩy',
  cross: 'en:cross|zh:全仓,全倉|ru:кросс,кросс-маржа,перекрестная|es:cruzado,cruzada|tr:çapraz|ko:교차,크로스|ja:クロス|de:übergreifend|fr:croisée,croisé|pt:cruzada,cruzado|vi:chéo',
  isolated: 'en:isolated|zh:逐仓,逐倉|ru:изолированная,изолированный,изолир|es:aislado,aislada|tr:izole|ko:격리|ja:分離|de:isoliert|fr:isolée,isolé|pt:isolada,isolado|vi:cô lập',
  buy: 'en:buy,long|zh:买入,做多,开多,買入,開多|ru:купить,лонг,покупка|es:comprar,largo|tr:al,satın al,uzun|ko:매수,롱|ja:買い,ロング|de:kaufen|fr:acheter,achat|pt:comprar,compra|vi:mua',
  sell: 'en:sell,short|zh:卖出,做空,开空,賣出,開空|ru:продать,шорт,продажа|es:vender,corto|tr:sat,kısa|ko:매도,숏|ja:売り,ショート|de:verkaufen|fr:vendre,vente|pt:vender,venda|vi:bán',
  limit: 'en:limit|zh:限价,限價|ru:лимит,лимитный|es:límite,limitada|tr:limit|ko:지정가|ja:指値|de:limit|fr:limite|pt:limite|vi:giới hạn',
  market: 'en:market|zh:市价,市價|ru:рыночный,рынок,маркет|es:mercado|tr:piyasa|ko:시장가|ja:成行|de:markt|fr:marché|pt:mercado|vi:thị trường',
  conditional: 'en:stop,trigger,conditional,trailing|zh:条件,止盈止损,计划委托,條件|ru:стоп,условный,триггер|es:condicional|tr:koşullu,tetik|ko:조건,스탑|ja:条件,逆指値,ストップ|de:bedingt|fr:conditionnel|pt:condicional|vi:điều kiện',
  open: 'en:open|zh:开仓,開倉|ru:открыть,открытие|es:abrir|tr:aç,açılış|ko:오픈,진입|ja:新規|de:eröffnen,öffnen|fr:ouvrir|pt:abrir|vi:mở',
  close: 'en:close|zh:平仓,平倉|ru:закрыть,закрытие|es:cerrar|tr:kapat|ko:종료,청산|ja:決済|de:schließen|fr:fermer,clôturer|pt:fechar|vi:đóng',
  available: 'en:available,avbl,avail|zh:可用|ru:доступно|es:disponible|tr:kullanılabilir,mevcut|ko:사용 가능,주문 가능|ja:利用可能,使用可能|de:verfügbar|fr:disponible|pt:disponível|vi:khả dụng,có sẵn',
  contracts: 'en:cont,conts,contract,contracts,lot,lots|zh:张,張|ru:конт,контр,контракт,контракты,контрактов|es:contrato,contratos|tr:kontrat,sözleşme|ko:계약|ja:枚,契約|de:kontrakt,kontrakte|fr:contrat,contrats|pt:contrato,contratos|vi:hợp đồng',
  reduceOnly: 'en:reduce-only,reduce only|zh:只减仓,只減倉|ru:только сокращение|es:solo reducir|tr:sadece azalt|ko:감소 전용|ja:決済のみ|de:nur reduzieren|fr:réduction uniquement|pt:somente reduzir|vi:chỉ giảm',
  /** Fields that are never the order's price or size: take-profit, stop-loss, trigger. */
  tpsl: 'en:take profit,stop loss,tp,sl,trigger,tp/sl|zh:止盈,止损,止損,触发,觸發|ru:тейк,стоп,триггер|es:stop,activación|tr:kar al,zarar durdur,tetik|ko:익절,손절,트리거|ja:利確,損切,トリガー|de:take profit,stop loss,auslöse|fr:stop,déclench|pt:stop,gatilho|vi:chốt lời,cắt lỗ,kích hoạt',
  markPrice: 'en:mark price,mark,fair price|zh:标记价格,標記價格|ru:цена маркировки,маркировочная|es:precio de marca|tr:işaret fiyatı|ko:마크 가격,시장 평균가|ja:マーク価格|de:markpreis|fr:prix de marque|pt:preço de marcação|vi:giá đánh dấu',
  lastPrice: 'en:last price,last|zh:最新价,最新價|ru:последняя цена|es:último precio|tr:son fiyat|ko:최근 체결가,현재가|ja:最終価格,現在値|de:letzter preis|fr:dernier prix|pt:último preço|vi:giá gần nhất',
} as const;

export type VocabKey = keyof typeof VOCAB;

/** Case-, accent- and width-insensitive form used for every comparison. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ')
    .trim();
}

// Scripts written without spaces between words are matched as substrings.
const NO_SPACES = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u1100-\u11ff\uf900-\ufaff]/;
const cache = new Map<string, RegExp>();

function matcher(key: VocabKey, langs: readonly Lang[]): RegExp {
  const id = `${key}|${langs.join(',')}`;
  let re = cache.get(id);
  if (!re) {
    const words = new Set<string>();
    for (const part of VOCAB[key].split('|')) {
      const [lang = '', list = ''] = part.split(':');
      if ((langs as readonly string[]).includes(lang)) for (const w of list.split(',')) words.add(fold(w));
    }
    const alternatives = [...words]
      .sort((a, b) => b.length - a.length)
      .map((w) => {
        const escaped = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        return NO_SPACES.test(w) ? escaped : `(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`;
      });
    re = new RegExp(alternatives.join('|') || '(?!)', 'u');
    cache.set(id, re);
  }
  return re;
}

/** True when `text` contains one of the words for `key` in any of `langs` (all languages by default). */
export function hasWord(text: string, key: VocabKey, langs: readonly Lang[] = LANGS): boolean {
  return matcher(key, langs).test(fold(text));
}

/** The first of `keys` whose words appear in `text`, or null. */
export function whichWord<K extends VocabKey>(text: string, keys: readonly K[], langs: readonly Lang[] = LANGS): K | null {
  const folded = fold(text);
  for (const key of keys) if (matcher(key, langs).test(folded)) return key;
  return null;
}
