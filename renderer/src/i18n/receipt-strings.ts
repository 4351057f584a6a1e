/**
 * What a citizen's receipt did (ui/ReceiptNote.tsx), shared by activation / change PIN, loss
 * pre-report and cancelling a pre-report. Spread into both catalogs under `receipt`; the
 * English object is typed by the Chinese one.
 */
export const receiptZh = {
  printed: '回执已打印，请取走。',
  printing:
    '回执还在打印中，请稍等片刻后取走。如果没有打印出来，请记下业务编号，可请工作人员补打。',
  unknown: '暂时无法确认回执是否已打印。如果没有打印出来，请记下业务编号，可请工作人员补打。',
  failed: {
    no_printer: '本机暂时不能打印回执。请记下业务编号，可到人工窗口补打。',
    paper_out: '打印机缺纸，回执没有打印出来。请记下业务编号，可请工作人员补打。',
    printer_unavailable: '打印机暂时不可用，回执没有打印出来。请记下业务编号，可请工作人员补打。',
    print_failed: '回执没有打印出来。请记下业务编号，可请工作人员补打。',
  },
};

export const receiptEn: typeof receiptZh = {
  printed: 'Your receipt has been printed; please take it.',
  printing:
    'Your receipt is still being printed; please wait a moment and take it. If it does not come out, note the reference; staff can reprint it.',
  unknown:
    'We cannot tell yet whether the receipt was printed. If it does not come out, note the reference; staff can reprint it.',
  failed: {
    no_printer:
      'This kiosk cannot print receipts right now. Note the reference; a counter can print it.',
    paper_out:
      'The printer is out of paper, so the receipt was not printed. Note the reference; staff can reprint it.',
    printer_unavailable:
      'The printer is not available, so the receipt was not printed. Note the reference; staff can reprint it.',
    print_failed: 'The receipt was not printed. Note the reference; staff can reprint it.',
  },
};
