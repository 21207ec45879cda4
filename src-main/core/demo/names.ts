// Plausible Italian people, streets and companies for the demo cache. Frequencies are rough:
// common surnames appear more often, as they do at a real desk.

export const SURNAMES = [
  'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco',
  'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti',
  'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone',
  'Longo', 'Gentile', 'Martinelli', 'Vitale', 'Lombardo', 'Serra', 'Coppola', 'De Santis', "D'Angelo", 'Marchetti',
  'Parisi', 'Villa', 'Conte', 'Ferraro', 'Ferri', 'Fabbri', 'Bianco', 'Marini', 'Grasso', 'Valentini',
  'Messina', 'Sala', 'De Angelis', 'Gatti', 'Pellegrini', 'Palumbo', 'Sanna', 'Farina', 'Rizzi', 'Monti',
  'Cattaneo', 'Morelli', 'Amato', 'Silvestri', 'Mazza', 'Testa', 'Grassi', 'Pellegrino', 'Carbone', 'Giuliani',
  'Benedetti', 'Barone', 'Rossetti', 'Caputo', 'Montanari', 'Guerra', 'Palmieri', 'Bernardi', 'Martino', 'Fiore',
  'De Rosa', 'Ferretti', 'Bellini', 'Basile', 'Riva', 'Donati', 'Piras', 'Vitali', 'Battaglia', 'Sartori',
  'Neri', 'Costantini', 'Milani', 'Pagano', 'Ruggiero', 'Sorrentino', "D'Amico", 'Orlando', 'Damico', 'Negri',
  'Zanetti', 'Brambilla', 'Colonna', 'Fumagalli', 'Bonetti', 'Lodi', 'Cocco', 'Esposti', 'Nicolò', 'Mattei'
]

export const MALE_NAMES = [
  'Marco', 'Giuseppe', 'Luca', 'Giovanni', 'Francesco', 'Antonio', 'Alessandro', 'Andrea', 'Matteo', 'Lorenzo',
  'Paolo', 'Stefano', 'Roberto', 'Davide', 'Simone', 'Federico', 'Riccardo', 'Mario', 'Salvatore', 'Vincenzo',
  'Fabio', 'Claudio', 'Massimo', 'Daniele', 'Nicola', 'Pietro', 'Tommaso', 'Emanuele', 'Gabriele', 'Michele',
  'Niccolò', 'Filippo', 'Alberto', 'Enrico', 'Carlo', 'Sergio', 'Giorgio', 'Franco', 'Bruno', 'Luigi'
]

export const FEMALE_NAMES = [
  'Giulia', 'Francesca', 'Chiara', 'Sara', 'Martina', 'Anna', 'Maria', 'Laura', 'Valentina', 'Elena',
  'Alessia', 'Federica', 'Silvia', 'Paola', 'Roberta', 'Elisa', 'Giorgia', 'Simona', 'Monica', 'Barbara',
  'Cristina', 'Alice', 'Sofia', 'Aurora', 'Ginevra', 'Beatrice', 'Camilla', 'Noemi', 'Lucia', 'Rosa',
  'Teresa', 'Angela', 'Carla', 'Daniela', 'Serena', 'Ilaria', 'Marta', 'Irene', 'Caterina', 'Emma'
]

/** Birthplaces with their Belfiore codes, the way a fiscal code encodes them. */
export const BIRTHPLACES: ReadonlyArray<{ name: string; code: string; province: string; postalCode: string }> = [
  { name: 'Roma', code: 'H501', province: 'RM', postalCode: '00184' },
  { name: 'Milano', code: 'F205', province: 'MI', postalCode: '20121' },
  { name: 'Napoli', code: 'F839', province: 'NA', postalCode: '80133' },
  { name: 'Torino', code: 'L219', province: 'TO', postalCode: '10121' },
  { name: 'Palermo', code: 'G273', province: 'PA', postalCode: '90133' },
  { name: 'Genova', code: 'D969', province: 'GE', postalCode: '16121' },
  { name: 'Bologna', code: 'A944', province: 'BO', postalCode: '40121' },
  { name: 'Firenze', code: 'D612', province: 'FI', postalCode: '50122' },
  { name: 'Bari', code: 'A662', province: 'BA', postalCode: '70122' },
  { name: 'Catania', code: 'C351', province: 'CT', postalCode: '95124' },
  { name: 'Venezia', code: 'L736', province: 'VE', postalCode: '30124' },
  { name: 'Verona', code: 'L781', province: 'VR', postalCode: '37121' },
  { name: 'Padova', code: 'G224', province: 'PD', postalCode: '35122' },
  { name: 'Perugia', code: 'G478', province: 'PG', postalCode: '06121' },
  { name: 'Cagliari', code: 'B354', province: 'CA', postalCode: '09124' },
  { name: 'Trento', code: 'L378', province: 'TN', postalCode: '38122' },
  { name: 'Ancona', code: 'A271', province: 'AN', postalCode: '60121' },
  { name: 'Pescara', code: 'G482', province: 'PE', postalCode: '65121' }
]

export const STREETS = [
  'Via Roma', 'Via Garibaldi', 'Corso Italia', 'Via Mazzini', 'Via Dante Alighieri', 'Piazza della Repubblica',
  'Via Verdi', 'Via Cavour', 'Viale dei Mille', 'Via XX Settembre', 'Via Manzoni', 'Via San Francesco',
  'Via dei Tigli', 'Via delle Rose', 'Via Matteotti', 'Via Gramsci', 'Largo Europa', 'Via Leopardi'
]

export const COMPANY_WORDS = ['Edilizia', 'Trasporti', 'Ristorazione', 'Servizi', 'Costruzioni', 'Immobiliare', 'Agricola', 'Commerciale']
export const COMPANY_FORMS = ['S.r.l.', 'S.p.A.', 'S.n.c.', 'S.a.s.']
